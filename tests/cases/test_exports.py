"""/cases/export.csv and .json are the open-data files (campaigns.opendata): built once
after a change, then served from the stored file; a publish gives a new file, signed."""

import csv
import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from campaigns.cases.models import CasePage
from campaigns.opendata import datasets, signing, snapshots
from campaigns.opendata.models import OpenDataSnapshot

from ..home.factories import translate
from .factories import (
    CaseChargeFactory,
    CaseIndexPageFactory,
    CasePageFactory,
    CaseRestrictionFactory,
    OrganisationFactory,
    RecognitionFactory,
    add_updates,
)


def get(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return response, [query["sql"] for query in queries]


def writes(queries):
    return [sql for sql in queries if sql.lstrip().upper().startswith(("INSERT", "UPDATE"))]


def test_a_second_export_request_serves_the_stored_file(client, home_page):
    index = CaseIndexPageFactory(parent=home_page)
    for n in range(5):
        CasePageFactory(parent=index, person_name=f"Person {n}")
    first, built = get(client, "/cases/export.csv")
    second, served = get(client, "/cases/export.csv")
    assert writes(built) and not writes(served)
    assert len(served) < len(built)
    assert second.content == first.content and second["ETag"] == first["ETag"]


def test_a_publish_changes_the_export_and_its_signature(client, home_page):
    index = CaseIndexPageFactory(parent=home_page)
    CasePageFactory(parent=index, person_name="Before B")
    before = client.get("/cases/export.csv")
    CasePageFactory(parent=index, person_name="After A").save_revision().publish()
    after = client.get("/cases/export.csv")
    names = [row["name"] for row in csv.DictReader(io.StringIO(after.content.decode()))]
    assert names == ["After A", "Before B"]
    assert after["ETag"] != before["ETag"]
    signature = client.get("/cases/export.csv.sig").content
    assert signing.verify(after.content, signature)


# --- the rows: read as values, the same as the pages say ----------------------------------


def expected_row(page, today):
    """A case's row as its page's own methods give it: what the export wrote before it read
    values instead of pages, and must still write byte for byte."""
    page = CasePage.objects.get(pk=page.pk)
    restrictions = page.ordered_restrictions
    recognitions = list(page.recognitions.select_related("organisation"))
    latest = page.updates.order_by("-date", "-pk").first()
    with translation.override(page.locale.language_code):
        charges = [str(charge) for charge in page.charges.all()]
        status_label = str(page.get_current_status_display())
    return {
        "url": page.get_full_url(),
        "name": page.person_name,
        "status_label": status_label,
        "detained": page.is_detained,
        "charges": "; ".join(charges),
        "restrictions": "; ".join(f"{r.kind} {r.period_code}" for r in restrictions),
        "restricted": any(r.is_in_force(today) for r in restrictions),
        "recognitions": "; ".join(r.code for r in recognitions),
        "recognised_by": "; ".join(sorted({r.organisation.slug for r in recognitions})),
        "latest_update_date": latest.date.isoformat() if latest else "",
        "latest_update_title": latest.title if latest else "",
    }


def full_case(index, name, slug=None, n=0):
    """A case with two charges, two restrictions (one ended), two recognitions and updates."""
    case = CasePageFactory(parent=index, person_name=name, **({"slug": slug} if slug else {}))
    CaseChargeFactory(page=case, article=f"174({n})", sort_order=1)
    CaseChargeFactory(page=case, article="400", code_edition="kg-cc", sort_order=0)
    CaseRestrictionFactory(page=case, kind="travel-ban", starts=datetime.date(2020, 1, 2))
    CaseRestrictionFactory(
        page=case,
        kind="office-ban",
        starts=datetime.date(2019, 1, 2),
        ends=datetime.date(2019, 6, 1),
    )
    RecognitionFactory(page=case, organisation=OrganisationFactory(slug="wgad"))
    RecognitionFactory(
        page=case,
        organisation=OrganisationFactory(slug="amnesty"),
        date=datetime.date(2020, 3, 4),
    )
    add_updates(case, 3, start=datetime.date(2021, 5, 1))
    return case


@pytest.fixture
def translated_index(home_page):
    index = CaseIndexPageFactory(parent=home_page)
    translate(home_page, "ru")
    translate(index, "ru")
    return index


def test_each_row_says_what_the_case_page_says_in_every_language(translated_index):
    index = translated_index
    translated = full_case(index, "Aigerim Sadykova", n=1)
    translate(translated, "ru", {"Aigerim Sadykova": "Айгерим Садыкова"})
    full_case(index, "Bolat Bekov", n=2)  # not translated: in English in the Russian file
    full_case(index, "Dana Dauletova", slug="дана-даулетова", n=3)  # a Unicode slug
    CasePageFactory(parent=index, person_name="Erlan Esenov")  # nothing but the facts
    dataset = datasets.get("cases")
    today = timezone.localdate()
    for language in ("en", "ru"):
        rows = dataset.rows(language)
        pages = {(page.slug, page.locale.language_code): page for page in CasePage.objects.live()}
        assert len(rows) == 4
        for row in rows:
            page = pages[(row["slug"], row["language"])]
            assert {key: row[key] for key in expected_row(page, today)} == expected_row(
                page, today
            )
        languages = {row["name"]: row["language"] for row in rows}
        if language == "ru":
            assert languages["Айгерим Садыкова"] == "ru" and languages["Bolat Bekov"] == "en"
    urls = {row["slug"]: row["url"] for row in dataset.rows("ru")}
    assert urls["aigerim-sadykova"].endswith("/ru/cases/aigerim-sadykova/")
    assert (
        urls["bolat-bekov"].endswith("/cases/bolat-bekov/") and "/ru/" not in urls["bolat-bekov"]
    )
    assert "/cases/%D0%B4%D0%B0%D0%BD%D0%B0-%D0%B4%D0%B0%D1%83" in urls["дана-даулетова"]


def rebuild_queries(language):
    """The statements of rebuilding the cases' files in `language` from scratch (not the
    savepoints that a test's transaction adds)."""
    OpenDataSnapshot.objects.all().delete()
    with CaptureQueriesContext(connection) as queries:
        snapshots.build(datasets.get("cases"), language)
    return len([query for query in queries if "SAVEPOINT" not in query["sql"]])


def test_a_rebuild_reads_the_cases_in_a_fixed_number_of_queries(translated_index):
    index = translated_index
    for n in range(3):
        translate(full_case(index, f"Person {n}", n=n), "ru")
    rebuild_queries("en")  # warms what a process keeps (locales, site root paths)
    few = {language: rebuild_queries(language) for language in ("en", "ru")}
    for n in range(3, 12):
        case = full_case(index, f"Person {n}", n=n)
        if n % 2:
            translate(case, "ru")
    many = {language: rebuild_queries(language) for language in ("en", "ru")}
    assert many == few
    # The data's version (two queries), the view restrictions, the cases and their
    # charges, restrictions and recognitions (five), then per format the latest file and
    # its new row (three).
    assert few["en"] <= 13
