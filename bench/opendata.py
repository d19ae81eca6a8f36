"""Open data at 1,000 cases: building the signed files vs serving them, printed as a table.

    .venv/bin/python -m bench opendata              (1,000 cases, 20 runs per URL)
    .venv/bin/python -m bench.opendata --cases 300 --runs 50 --keep

Builds the scratch SQLite database of bench.cases (the demo plus invented cases), then
times, in-process: building the cases' files in one language (rendering the rows, CSV and
JSON, checksums, signatures, storing), building every dataset in every language (what the
task after a publication and the daily command do), and serving /cases/export.csv and
.json (and their signature, and the Russian file) from the stored snapshot with Django's
test client. The issue's goal: serving under 150 ms at 1,000 cases (it took about 0.7 s
when every request built the file).
"""

import argparse
import shutil
import statistics
import sys
import tempfile
import time

from bench.cases import RUNS, TARGET_CASES, build_database, configure, measure

GOAL_MS = 150


def time_builds(runs):
    """Median seconds of building the cases in English, and of building everything."""
    from campaigns.opendata import datasets, snapshots

    cases = datasets.get("cases")
    one = []
    for _ in range(runs):
        start = time.perf_counter()
        snapshots.build(cases, "en")
        one.append(time.perf_counter() - start)
    start = time.perf_counter()
    stored, kept = snapshots.build_all()
    everything = time.perf_counter() - start
    return statistics.median(one), everything, stored + kept


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=TARGET_CASES, help="cases in the files")
    parser.add_argument("--runs", type=int, default=RUNS, help="timed requests per URL (>= 1)")
    parser.add_argument("--keep", action="store_true", help="keep the scratch database")
    args = parser.parse_args(argv)

    workdir = tempfile.mkdtemp(prefix="bench-opendata-")
    try:
        configure(workdir)
        start = time.perf_counter()
        build_database(args.cases)
        print(f"Database ready in {time.perf_counter() - start:.0f} s ({workdir})", flush=True)

        from campaigns.models import CasePage

        total = CasePage.objects.live().count()
        one, everything, files = time_builds(max(args.runs // 5, 3))
        print(f"Building the cases' files in English (CSV + JSON): {one * 1000:.0f} ms median")
        print(f"Building every dataset in every language ({files} files): {everything:.1f} s")
        urls = [
            "/cases/export.csv",
            "/cases/export.json",
            "/cases/export.csv.sig",
            "/open-data/files/cases.ru.json",
            "/open-data/",
        ]
        rows = measure(urls, max(args.runs, 1))
    finally:
        if args.keep:
            print(f"Kept {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)

    failed = [url for url, status, *_ in rows if status != 200]
    exports = [row for row in rows if "/export." in row[0]]
    slowest = max(exports, key=lambda row: row[3])
    verdict = "under" if slowest[3] < GOAL_MS else "OVER"
    print(
        f"{total} cases: exports served in {slowest[3]:.0f} ms median at worst "
        f"({verdict} the {GOAL_MS} ms goal), built in {one * 1000:.0f} ms"
        + (f"; NOT 200: {', '.join(failed)}" if failed else "; all answered 200")
    )
    return 1 if failed or verdict == "OVER" else 0


if __name__ == "__main__":
    sys.exit(main())
