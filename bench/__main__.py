"""Render time and SQL queries of the demo's pages, printed as a table.

    make bench            (loads the demo into the dev database first)
    .venv/bin/python -m bench --runs 50 /about/

Runs in-process with Django's test client against the development database,
so it measures Django and Wagtail, not a network or a cache in front.

The other benchmarks are modules of their own, each on a scratch database
(`python -m bench --help` lists them): bench.cases (case pages with 1,000 cases),
bench.actions (petition signs and confirms on two gunicorn servers) and bench.faults
(the database and the mail server failing under load; also `python -m bench faults`).
"""

import argparse
import os
import statistics
import sys
import time

DEFAULT_URLS = ["/", "/about/", "/privacy/", "/search/?q=prisoners", "/sitemap.xml"]
OTHER_BENCHMARKS = """other benchmarks, each on a scratch database:
  .venv/bin/python -m bench.cases      case pages with 1,000 cases (SQLite)
  .venv/bin/python -m bench.actions    1,000 petition signs and confirms from 32 clients
                                       on two gunicorn servers (PostgreSQL and Redis)
  .venv/bin/python -m bench faults     signing while the database is cut (3 s) and
                                       black-holed (10 s) and SMTP is down (10 s)
  .venv/bin/python -m bench opendata signed open-data files with 1,000 cases: building
                                       them vs serving them from the stored snapshot
  .venv/bin/python -m bench fuzz       10,000+ generated inputs to every public form and
                                       page (on PostgreSQL when DATABASE_URL names it)
  .venv/bin/python -m bench lighthouse Lighthouse's four scores of the home, case, post
                                       and petition pages, served as in production
  .venv/bin/python -m bench edge       every page type at 1,000 cases and 1,000 posts beside
                                       a bare Wagtail site (queries, CPU), wrk on gunicorn,
                                       Varnish and nginx, and a publish's freshness
"""


def main():
    if sys.argv[1:2] == ["faults"]:
        from bench.faults import main as faults

        return faults(sys.argv[2:])
    if sys.argv[1:2] == ["opendata"]:
        from bench.opendata import main as opendata

        return opendata(sys.argv[2:])
    if sys.argv[1:2] == ["lighthouse"]:
        from bench.lighthouse import main as lighthouse

        return lighthouse(sys.argv[2:])
    if sys.argv[1:2] == ["edge"]:
        from bench.edge import main as edge

        return edge(sys.argv[2:])
    if sys.argv[1:2] == ["fuzz"]:
        from bench.fuzz import main as fuzz

        return fuzz(sys.argv[2:])
    parser = argparse.ArgumentParser(
        description=__doc__.splitlines()[0],
        epilog=OTHER_BENCHMARKS,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("urls", nargs="*", default=DEFAULT_URLS)
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "settings.dev")
    os.environ["PAGE_CACHE_SECONDS"] = "0"
    import django

    django.setup()
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections, connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_test_environment

    setup_test_environment()
    # One connection for the whole run, as a long-lived app server process keeps.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    client = Client()
    print(f"{'URL':32} {'status':>6} {'queries':>7} {'median ms':>9} {'p90 ms':>8}")
    for url in args.urls:
        response = client.get(url)  # warm-up: renditions, caches
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        query_count = len(queries)  # read now: each request resets the query log
        timings = []
        for _ in range(args.runs):
            start = time.perf_counter()
            client.get(url)
            timings.append((time.perf_counter() - start) * 1000)
        timings.sort()
        p90 = timings[int(len(timings) * 0.9) - 1]
        print(
            f"{url:32} {response.status_code:>6} {query_count:>7} "
            f"{statistics.median(timings):>9.1f} {p90:>8.1f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
