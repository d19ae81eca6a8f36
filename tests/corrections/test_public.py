"""Corrections in public: the case page's "Corrections", /corrections/ and its Atom feed,
in every language, the open data, and query counts that do not grow with the data."""

import datetime
from xml.etree import ElementTree

import pytest
from django.utils import translation

from campaigns.corrections import open_data
from campaigns.corrections.fields import CorrectedFact
from campaigns.models import CasePage

from ..cases.factories import CASE_QUERY_BUDGET, CasePageFactory, count_queries
from ..home.factories import sync_translations, translate
from .factories import SOURCE, CaseCorrectionFactory, InaccuracyReportFactory

ATOM = "{http://www.w3.org/2005/Atom}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
REASON = "An earlier version gave the arrest as 9 March 2019; it was 10 March 2019."


@pytest.fixture
def corrected(case):
    CaseCorrectionFactory(page=case, facts="arrest_date,sentence")
    case.save_revision().publish()
    return case


def test_the_case_page_lists_its_corrections(client, corrected):
    html = client.get(corrected.url).content.decode()
    assert 'id="case-corrections-heading"' in html
    assert "20 November 2026" in html
    assert "arrest date, sentence" in html
    assert REASON in html
    assert f'href="{SOURCE}"' in html
    anchor = corrected.corrections.get().anchor
    assert f'id="{anchor}"' in html


def test_a_case_without_corrections_has_no_corrections_section(client, case):
    assert 'id="case-corrections-heading"' not in client.get(case.url).content.decode()


def test_the_case_page_links_to_its_report_form(client, case):
    html = client.get(case.url).content.decode()
    assert f'href="/corrections/report/{case.pk}/"' in html


def test_corrections_page_lists_corrections_newest_first_with_their_case(client, index):
    old = CasePageFactory(parent=index, person_name="Old Case")
    new = CasePageFactory(parent=index, person_name="New Case")
    CaseCorrectionFactory(page=old, date=datetime.date(2025, 1, 1), reason="Old reason.")
    CaseCorrectionFactory(page=new, date=datetime.date(2026, 1, 1), reason="New reason.")
    response = client.get("/corrections/")
    assert response.status_code == 200
    assert "public" in response["Cache-Control"]
    html = response.content.decode()
    assert html.index("New reason.") < html.index("Old reason.")
    assert f'<a href="{new.url}">New Case</a>' in html
    assert 'type="application/atom+xml"' in html


def test_corrections_of_draft_and_private_cases_are_not_listed(client, index):
    hidden = CasePageFactory(parent=index, person_name="Hidden", live=False)
    CaseCorrectionFactory(page=hidden, reason="Not public yet.")
    assert "Not public yet." not in client.get("/corrections/").content.decode()


def test_corrections_page_is_paginated(client, case):
    for n in range(25):
        CaseCorrectionFactory(page=case, reason=f"Reason {n:02d}.")
    first = client.get("/corrections/").content.decode()
    second = client.get("/corrections/?page=2").content.decode()
    assert first.count('class="corrections__item"') == 20
    assert second.count('class="corrections__item"') == 5
    assert 'rel="next"' in first
    assert client.get("/corrections/?page=x").status_code == 200


def parse(response):
    assert response["Content-Type"].startswith("application/xml")  # see home.feeds
    return ElementTree.fromstring(response.content)


def test_the_feed_is_valid_atom_with_stable_ids(client, corrected):
    response = client.get("/corrections/feed/")
    feed = parse(response)
    assert feed.tag == f"{ATOM}feed"
    assert feed.get(XML_LANG) == "en"
    assert feed.find(f"{ATOM}id").text == "http://localhost/corrections/feed/"
    assert feed.find(f"{ATOM}updated").text.startswith("2026-11-20")
    (entry,) = feed.findall(f"{ATOM}entry")
    anchor = corrected.corrections.get().anchor
    assert entry.find(f"{ATOM}id").text == f"http://localhost/cases/aliya-k/#{anchor}"
    assert entry.find(f"{ATOM}link").get("rel") == "alternate"
    assert entry.find(f"{ATOM}link").get("href").endswith(f"/cases/aliya-k/#{anchor}")
    assert entry.find(f"{ATOM}title").text == "Aliya K: correction of arrest date, sentence"
    assert entry.find(f"{ATOM}updated").text.startswith("2026-11-20")
    assert REASON in entry.find(f"{ATOM}summary").text
    assert parse(client.get("/corrections/feed/")).find(f"{ATOM}entry/{ATOM}id").text == (
        entry.find(f"{ATOM}id").text
    )


def test_the_feed_of_no_corrections_is_valid(client, case):
    feed = parse(client.get("/corrections/feed/"))
    assert feed.findall(f"{ATOM}entry") == []


# --- languages -----------------------------------------------------------------------------


@pytest.fixture
def in_russian(corrected, home_page):
    translate(home_page, "ru")
    translate(
        corrected,
        "ru",
        {
            REASON: "В прежней версии была неверная дата ареста.",
            "RFE/RL, 16 May 2003": "Радио Свобода",
        },
    )
    return CasePage.objects.get(
        translation_key=corrected.translation_key, locale__language_code="ru"
    )


def test_corrections_read_in_russian_on_the_case_and_the_list(client, in_russian):
    case_html = client.get(in_russian.url).content.decode()
    assert "В прежней версии была неверная дата ареста." in case_html
    assert "Радио Свобода" in case_html
    assert f'href="{SOURCE}"' in case_html  # the source is a shared fact
    listing = client.get("/ru/corrections/").content.decode()
    assert "В прежней версии была неверная дата ареста." in listing
    assert REASON not in listing
    with translation.override("ru"):
        label = str(CorrectedFact("arrest_date").label)
    assert label in listing
    feed = parse(client.get("/ru/corrections/feed/"))
    assert feed.get(XML_LANG) == "ru"
    assert "/ru/cases/" in feed.find(f"{ATOM}entry/{ATOM}id").text


def test_an_untranslated_correction_shows_in_english_in_kazakh(client, corrected, home_page):
    translate(home_page, "kk")
    assert REASON in client.get("/kk/corrections/").content.decode()


def test_correction_facts_are_synchronised_to_translations(in_russian, corrected):
    correction = corrected.corrections.get()
    correction.source_url = "https://example.org/ruling"
    correction.save()
    corrected.save_revision().publish()
    sync_translations(corrected)
    russian = in_russian.corrections.get()
    assert russian.source_url == "https://example.org/ruling"
    assert russian.facts == "arrest_date,sentence"
    assert russian.reason == "В прежней версии была неверная дата ареста."


# --- open data ------------------------------------------------------------------------------


def test_open_data_rows_have_every_column_and_no_report(corrected):
    InaccuracyReportFactory(case=corrected, what_is_wrong="Secret report text")
    (row,) = list(open_data.rows("en"))
    assert list(row) == [name for name, _description in open_data.COLUMNS]
    assert row["case_slug"] == "aliya-k"
    assert row["facts_corrected"] == "arrest_date;sentence"
    assert row["date"] == "2026-11-20"
    assert row["permalink"].endswith(f"/cases/aliya-k/#{corrected.corrections.get().anchor}")
    assert "Secret report text" not in str(row)
    assert "dana.reporter@example.org" not in str(row)


def test_open_data_rows_in_russian(in_russian):
    (row,) = list(open_data.rows("ru"))
    assert row["reason"] == "В прежней версии была неверная дата ареста."


# --- query counts ---------------------------------------------------------------------------


@pytest.mark.parametrize("url", ["/corrections/", "/corrections/feed/"])
def test_corrections_queries_do_not_grow(client, index, url):
    for n in range(2):
        CaseCorrectionFactory(page=CasePageFactory(parent=index, person_name=f"P{n}"))
    few = count_queries(client, url)
    for n in range(2, 30):
        CaseCorrectionFactory(page=CasePageFactory(parent=index, person_name=f"P{n}"))
    assert count_queries(client, url) == few


def test_case_page_queries_do_not_grow_with_corrections(client, corrected):
    one = count_queries(client, corrected.url)
    for n in range(20):
        CaseCorrectionFactory(page=corrected, reason=f"Reason {n}.")
    assert count_queries(client, corrected.url) == one <= CASE_QUERY_BUDGET
