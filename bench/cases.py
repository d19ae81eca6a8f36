"""Render time and SQL queries of the case pages with 1,000 cases, printed as a table.

    .venv/bin/python -m bench.cases                 (1,000 cases, 20 runs per URL)
    .venv/bin/python -m bench.cases --cases 300 --runs 50 --keep

Builds a throwaway SQLite database in a temporary directory (never the dev
database): migrates it, loads the demo, adds invented cases until there are
--cases of them (saved live without revisions, to be quick), gives one of them
50 updates, then times each URL in-process
with Django's test client, so it measures Django and Wagtail, not a network or
a cache in front. The query count of a page should not grow with the cases.

bench/edge.py builds its data with `add_cases` (each case given 10 updates) and
`add_posts` too, on PostgreSQL.
"""

import argparse
import io
import math
import os
import random
import shutil
import statistics
import sys
import tempfile
import time

RUNS = 20
TARGET_CASES = 1000
MANY_UPDATES = 50
BENCH_SLUG = "demo-bench-{:04d}"
BENCH_POST_SLUG = "demo-bench-post-{:04d}"
POST_TAGS = ["kazakhstan", "courts", "letters", "appeals", "prisons", "press freedom"]


def configure(workdir, database_url=None):
    """Point Django at a scratch database (SQLite in `workdir`, or `database_url`) and media
    folder; must run before django.setup()."""
    sqlite = f"sqlite:///{os.path.join(workdir, 'bench.sqlite3')}"
    os.environ["DATABASE_URL"] = database_url or sqlite
    os.environ["MEDIA_ROOT"] = os.path.join(workdir, "media")
    os.environ["DJANGO_SETTINGS_MODULE"] = "settings.dev"
    os.environ["PAGE_CACHE_SECONDS"] = "0"
    import django

    django.setup()


def build_database(target):
    from django.core.management import call_command

    from campaigns.models import CaseIndexPage, CasePage

    call_command("migrate", verbosity=0)
    call_command("load_demo", stdout=io.StringIO())
    first_slug = add_cases(target)
    if first_slug is None:  # no cases added: lengthen an invented demo case, never a real one
        index = english_page(CaseIndexPage, "cases")
        first_slug = CasePage.objects.child_of(index).filter(is_fictional=True).first().slug
    return add_many_updates(first_slug)


def english_page(model, slug):
    """The English page of `model` with `slug`: the demo's translations have the same slug."""
    from wagtail.models import Locale

    return model.objects.get(slug=slug, locale=Locale.get_default())


def add_cases(target, updates_each=0):
    """Add invented cases under the English case index until it holds `target`, each with at
    least `updates_each` updates; returns the first added case's slug (None if none)."""
    from django.db import transaction
    from django.utils import timezone
    from wagtail.models import ReferenceIndex
    from wagtail.signal_handlers import disable_reference_index_auto_update

    from campaigns.cases.fictional import STATUS_WEIGHTS, fictional_case, spread
    from campaigns.models import CaseIndexPage, CasePage, CaseRole, Country

    index = english_page(CaseIndexPage, "cases")
    existing = CasePage.objects.child_of(index).count()
    missing = max(target - existing, 0)
    print(f"{existing} cases; adding {missing}…", flush=True)

    rng = random.Random(1000)
    statuses = spread(STATUS_WEIGHTS, rng)
    countries = [Country.KAZAKHSTAN] * 7 + [Country.KYRGYZSTAN, Country.UZBEKISTAN, Country.RUSSIA]
    roles = list(CaseRole)
    now = timezone.now()
    start = time.perf_counter()
    first_slug = None
    # Numbered after the bench cases already there, so that a topped-up database grows.
    taken = CasePage.objects.filter(slug__startswith=BENCH_SLUG.format(0)[:-4]).count()
    for number in range(taken + 1, taken + missing + 1):
        spec = fictional_case(
            rng,
            statuses[number % len(statuses)],
            rng.choice(countries),
            rng.choice(roles),
            slug=BENCH_SLUG.format(number),
        )
        # Saved live in one go, without the revision an editor's publish would add: the
        # pages render the same, and setting up takes less than half the time. One transaction
        # per page keeps SQLite from syncing after every statement; the reference index is
        # written once per page, not once per update and charge.
        with transaction.atomic(), disable_reference_index_auto_update():
            page = CasePage(**spec, live=True, first_published_at=now, last_published_at=now)
            index.add_child(instance=page)
            pad_updates(page, updates_each - len(spec["updates"]))
            ReferenceIndex.create_or_update_for_object(page)
        first_slug = first_slug or page.slug
        added = number - taken
        if added % 100 == 0 or added == missing:
            rate = added / (time.perf_counter() - start)
            print(f"  {added:>5}/{missing} cases added ({rate:.0f}/s)", flush=True)
    return first_slug


def pad_updates(page, count):
    """Give `page` `count` more updates, dated before its first, in one INSERT."""
    import datetime

    from campaigns.models import CaseUpdate
    from home.demo.blocks import source

    if count <= 0:
        return
    first = min(page.updates.values_list("date", flat=True), default=page.arrest_date)
    CaseUpdate.objects.bulk_create(
        CaseUpdate(
            page=page,
            locale_id=page.locale_id,  # bulk_create skips the signal that would set it
            date=first - datetime.timedelta(days=7 * (n + 1)),
            title=f"Hearing postponed ({n + 1})",
            body="<p>Fictional demo update. The hearing was postponed again.</p>",
            sources=[source("Court calendar (fictional)", "Demo court")],
        )
        for n in range(count)
    )


def add_posts(target):
    """Add invented blog posts under the English blog until it holds `target`, each with an
    author, two tags and two related cases, as the demo's posts have."""
    import datetime

    from django.db import transaction
    from django.utils import timezone
    from wagtail.models import ReferenceIndex
    from wagtail.signal_handlers import disable_reference_index_auto_update

    from campaigns.models import Author, BlogIndexPage, BlogPostPage, CasePage
    from home.demo.blocks import heading, paragraph

    blog = english_page(BlogIndexPage, "blog")
    existing = BlogPostPage.objects.child_of(blog).count()
    missing = max(target - existing, 0)
    print(f"{existing} posts; adding {missing}…", flush=True)
    if not missing:
        return
    rng = random.Random(2000)
    author = Author.objects.order_by("pk").first()
    cases = list(CasePage.objects.filter(locale=blog.locale_id).only("pk"))
    taken = BlogPostPage.objects.filter(slug__startswith=BENCH_POST_SLUG.format(0)[:-4]).count()
    now = timezone.now()
    start = time.perf_counter()
    for number in range(taken + 1, taken + missing + 1):
        day = datetime.date(2026, 11, 1) - datetime.timedelta(days=number)
        with transaction.atomic(), disable_reference_index_auto_update():
            post = BlogPostPage(
                title=f"Court watch, week {number} (fictional)",
                slug=BENCH_POST_SLUG.format(number),
                date=day,
                intro="Fictional demo post. What the courts did this week, case by case.",
                body=[
                    heading("This week", "this-week"),
                    paragraph(
                        "<p>Fictional demo post. Three hearings were postponed, one "
                        "sentence was upheld on appeal and two people were moved to "
                        "other colonies.</p>"
                    ),
                ],
                live=True,
                first_published_at=now,
                last_published_at=now,
            )
            # modelcluster keeps these in memory until add_child saves the page with them.
            post.authors.set([author] if author else [])
            post.tags.set(rng.sample(POST_TAGS, 2))
            post.related_cases.set(rng.sample(cases, min(2, len(cases))))
            blog.add_child(instance=post)
            ReferenceIndex.create_or_update_for_object(post)
        added = number - taken
        if added % 100 == 0 or added == missing:
            rate = added / (time.perf_counter() - start)
            print(f"  {added:>5}/{missing} posts added ({rate:.0f}/s)", flush=True)


def add_many_updates(slug):
    """Give one case MANY_UPDATES updates in all, each with a source, like a long-running case."""
    from campaigns.models import CasePage

    page = CasePage.objects.get(slug=slug)
    pad_updates(page, MANY_UPDATES - page.updates.count())
    print(f"  {slug} now has {page.updates.count()} updates", flush=True)
    return slug


def measure(urls, runs):
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections, connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_test_environment

    setup_test_environment()
    # One connection for the whole run, as a long-lived app server process keeps.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    client = Client()
    rows = []
    print(f"{'URL':42} {'status':>6} {'queries':>7} {'median ms':>9} {'p90 ms':>8}")
    for url in urls:
        response = client.get(url)  # warm-up: renditions, caches
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        query_count = len(queries)  # read now: each request resets the query log
        timings = []
        for _ in range(runs):
            start = time.perf_counter()
            client.get(url)
            timings.append((time.perf_counter() - start) * 1000)
        timings.sort()
        p90 = timings[math.ceil(len(timings) * 0.9) - 1]  # nearest rank
        median = statistics.median(timings)
        rows.append((url, response.status_code, query_count, median, p90))
        print(f"{url:42} {response.status_code:>6} {query_count:>7} {median:>9.1f} {p90:>8.1f}")
    return rows


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=TARGET_CASES, help="cases in the list")
    parser.add_argument("--runs", type=int, default=RUNS, help="timed requests per URL (>= 1)")
    parser.add_argument("--keep", action="store_true", help="keep the scratch database")
    args = parser.parse_args()

    workdir = tempfile.mkdtemp(prefix="bench-cases-")
    try:
        configure(workdir)
        start = time.perf_counter()
        many_updates = build_database(args.cases)
        print(f"Database ready in {time.perf_counter() - start:.0f} s ({workdir})", flush=True)

        from campaigns.models import CasePage

        total = CasePage.objects.live().count()
        urls = [
            "/cases/",
            "/cases/?status=imprisoned&sort=name",
            "/cases/?page=40",
            "/cases/vladimir-kozlov/",
            f"/cases/{many_updates}/",
            "/cases/feed/",
            "/cases/export.csv",
            "/cases/export.json",
        ]
        rows = measure(urls, max(args.runs, 1))
    finally:
        if args.keep:
            print(f"Kept {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)

    failed = [url for url, status, *_ in rows if status != 200]
    slowest = max(rows, key=lambda row: row[3])
    queries = [row[2] for row in rows]
    print(
        f"{total} cases, {len(rows)} URLs: {min(queries)}–{max(queries)} queries a page, "
        f"slowest {slowest[0]} at {slowest[3]:.0f} ms median"
        + (f"; NOT 200: {', '.join(failed)}" if failed else "; all answered 200")
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
