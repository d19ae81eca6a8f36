"""The demo's corrections tell the truth (FACTS.md): only where the seed post got a real
case wrong, each with a source the case itself cites, in three languages; its reports are
invented, on fictional cases, from example.org addresses."""

import pytest

from campaigns.models import CaseCorrection, CasePage, InaccuracyReport


@pytest.fixture
def demo(built_demo, db):
    return built_demo


def test_demo_corrections_are_sourced_translated_and_only_where_the_seed_was_wrong(demo, client):
    english = CaseCorrection.objects.filter(locale__language_code="en").select_related("page")
    by_case = {correction.page.slug: correction for correction in english}
    # Kozlov's case was broadly right in the seed post: no correction.
    assert set(by_case) == {"mukhtar-ablyazov", "serikzhan-bilash"}
    for slug, correction in by_case.items():
        cited = {source.value["url"] for source in correction.page.sources}
        cited |= {s.value["url"] for u in correction.page.updates.all() for s in u.sources}
        cited |= {r.source_url for r in correction.page.restrictions.all()}
        assert correction.source_url in cited, slug
        assert correction.facts, slug
    assert "13 May 2003" in by_case["mukhtar-ablyazov"].reason
    assert "status" in by_case["mukhtar-ablyazov"].facts
    assert "10 March 2019" in by_case["serikzhan-bilash"].reason
    assert "17 August 2019" in by_case["serikzhan-bilash"].reason
    for code, words in (("ru", "помилован"), ("kk", "кешірім")):
        translated = CaseCorrection.objects.get(
            locale__language_code=code,
            translation_key=by_case["mukhtar-ablyazov"].translation_key,
        )
        assert words in translated.reason, code
        assert translated.source_url == by_case["mukhtar-ablyazov"].source_url
        assert words in client.get(f"/{code}/corrections/").content.decode(), code
    html = client.get("/corrections/").content.decode()
    assert "Mukhtar Ablyazov" in html and "Serikzhan Bilash" in html


def test_demo_reports_are_open_invented_and_on_fictional_cases(demo):
    reports = list(InaccuracyReport.objects.select_related("case"))
    assert 1 <= len(reports) <= 2
    for report in reports:
        assert report.is_open
        assert report.case.is_fictional
        assert report.reporter_email in ("",) or report.reporter_email.endswith("@example.org")
        assert not report.suggested_source


def test_demo_corrections_do_not_change_the_cases_facts(demo):
    # The correction notes the earlier text; the case's facts are the corrected ones.
    bilash = CasePage.objects.get(slug="serikzhan-bilash", locale__language_code="en")
    assert bilash.arrest_date.isoformat() == "2019-03-10"
    assert bilash.release_date.isoformat() == "2019-08-17"
    assert bilash.role == "activist"
