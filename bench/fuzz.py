"""Fuzz every public form and query string of the demo site, and print what came back.

    .venv/bin/python -m bench fuzz                       (2,000 inputs per form, 100 per page)
    .venv/bin/python -m bench fuzz --per-form 500 --per-query 20
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres .venv/bin/python -m bench fuzz

The same strategies and checks as tests/fuzz/test_fuzz.py (tests/fuzz/strategies.py), sent
in-process with Django's test client, with every rate limit lifted. Builds a throwaway
database first (migrate, load_demo): a SQLite file in a temporary directory, or, when
DATABASE_URL names PostgreSQL, a scratch database on that server (`campaigns_fuzz_<pid>`,
dropped at the end), where a NUL reaching a text column would fail. Prints, per form and
page: inputs sent, the statuses answered, answers ≥ 500, payloads reflected unescaped,
submissions accepted, accepted ones without their row and refused ones that left a row.
Exits 1 if any of the last four is not zero.
"""

import argparse
import io
import logging
import os
import shutil
import sys
import tempfile
import time
from collections import Counter

PROBLEMS = ("5xx", "reflected", "accepted but not stored", "refused but stored")


def configure(workdir):
    """A scratch database and media folder; returns a function that drops the database."""
    url = os.environ.get("DATABASE_URL", "")
    os.environ["DJANGO_SETTINGS_MODULE"] = "settings.test"
    os.environ["MEDIA_ROOT"] = os.path.join(workdir, "media")
    drop = None
    if url.startswith(("postgres://", "postgresql://")):
        import psycopg

        server = url.rsplit("/", 1)[0]
        name = f"campaigns_fuzz_{os.getpid()}"
        with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
            admin.execute(f'CREATE DATABASE "{name}"')
        os.environ["DATABASE_URL"] = f"{server}/{name}"

        def drop():
            from django.db import connections

            connections.close_all()
            with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    else:
        os.environ["DATABASE_URL"] = f"sqlite:///{os.path.join(workdir, 'fuzz.sqlite3')}"
    import django

    django.setup()
    return drop


def fuzz(target, examples, client, tally):
    """Send `examples` generated inputs to `target`, counting into `tally`."""
    from hypothesis import HealthCheck, Phase, given, settings

    from tests.fuzz.strategies import before_count, check, send

    @settings(
        max_examples=examples,
        deadline=None,
        derandomize=True,
        database=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(target.inputs())
    def run(sent):
        data, junk = sent
        before = before_count(target)
        verdict = check(target, send(client, target, data, junk), data, before)
        tally["inputs"] += 1
        tally[f"status {verdict.status}"] += 1
        tally["accepted"] += verdict.accepted
        for problem in verdict.problems:
            tally[problem] += 1

    run()


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-form", type=int, default=2000, help="inputs per form")
    parser.add_argument("--per-query", type=int, default=100, help="inputs per page")
    args = parser.parse_args(argv)

    workdir = tempfile.mkdtemp(prefix="campaigns-fuzz-")
    drop = configure(workdir)
    try:
        return run(args)
    finally:
        if drop:
            drop()
        shutil.rmtree(workdir, ignore_errors=True)


def run(args):
    from django.conf import settings
    from django.core.management import call_command
    from django.test import Client
    from django.test.utils import setup_test_environment

    from tests.fuzz.strategies import NO_RATE_LIMITS, demo_targets

    setup_test_environment()  # responses carry their template context
    # Thousands of refusals would each log a "Bad Request" warning; errors still show.
    logging.getLogger("django.request").setLevel(logging.ERROR)
    engine = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    print(f"Building the demo on {engine}…", flush=True)
    call_command("migrate", verbosity=0)
    call_command("load_demo", stdout=io.StringIO())

    client = Client(raise_request_exception=False)
    rows, total = [], Counter()
    start = time.perf_counter()
    with NO_RATE_LIMITS:
        for target in demo_targets():
            examples = args.per_form if target.method == "POST" else args.per_query
            tally = Counter()
            began = time.perf_counter()
            fuzz(target, examples, client, tally)
            seconds = time.perf_counter() - began
            rows.append((target, tally))
            total.update(tally)
            print(
                f"  {target.method} {target.name}: {tally['inputs']} inputs in {seconds:.0f} s",
                flush=True,
            )
    elapsed = time.perf_counter() - start

    print()
    header = f"{'form or page':16} {'inputs':>7} {'5xx':>4} {'reflected':>9} {'accepted':>8}"
    print(f"{header} {'lost':>5} {'stray':>5}  statuses")
    for target, tally in [*rows, (None, total)]:
        statuses = " ".join(
            f"{key.split()[1]}:{tally[key]}" for key in sorted(tally) if key.startswith("status ")
        )
        name = f"{target.method} {target.name}" if target else "all"
        print(
            f"{name:16} {tally['inputs']:>7} {tally['5xx']:>4} {tally['reflected']:>9} "
            f"{tally['accepted']:>8} {tally['accepted but not stored']:>5} "
            f"{tally['refused but stored']:>5}  {statuses}"
        )
    print(
        f"\n{total['inputs']} inputs on {engine} in {elapsed:.0f} s "
        f"({sum(t['inputs'] for tg, t in rows if tg.method == 'POST')} to forms): "
        f"{total['5xx']} answers ≥ 500, {total['reflected']} reflected, "
        f"{total['accepted but not stored']} accepted but not stored, "
        f"{total['refused but stored']} refused but stored."
    )
    return 1 if any(total[problem] for problem in PROBLEMS) else 0


if __name__ == "__main__":
    sys.exit(main())
