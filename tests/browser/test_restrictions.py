"""A reader sees the restrictions Serikzhan Bilash was released under, on a phone and on a
desktop, and lists the cases with restrictions in force."""

import pytest

AMNESTY = "https://www.amnesty.org/en/documents/eur57/0926/2019/en/"


@pytest.mark.parametrize("width", [375, 1280])
def test_reader_sees_restrictions_after_release(page, axe, site_server, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(site_server.url + "/cases/serikzhan-bilash/")
    assert page.locator("h1").inner_text() == "Serikzhan Bilash"

    # Both of the plea deal's restrictions are over: no status line claims one in force.
    assert page.locator(".case__status-line").count() == 0
    facts = page.get_by_role("complementary", name="Case facts")
    text = facts.inner_text()
    assert "Restrictions in force" not in text
    past = text.split("Past restrictions", 1)[1]
    assert "Travel ban (three months)" in past and "17 November 2019" in past
    assert "Ban on public activity (7 years)" in past and "17 August 2026" in past
    source = facts.get_by_role("link", name="Amnesty International, Urgent Action 046/19").first
    assert source.get_attribute("href") == AMNESTY
    # Nothing overflows the phone's width.
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    axe(page)
    assert page.external_requests == []


def test_reader_filters_cases_with_restrictions_in_force(page, axe, site_server):
    page.goto(site_server.url + "/cases/")
    page.get_by_label("Restrictions in force").check()
    page.get_by_role("button", name="Show cases").click()
    assert "restricted=1" in page.url
    # No case of the demo is under a restriction today (Bilash's ended): the filter says so.
    names = page.locator(".case-list .case-card__name").all_inner_texts()
    assert "Serikzhan Bilash" not in names
    for card in page.locator(".case-list .case-card").all():
        assert "Restrictions in force" in card.inner_text()
    assert page.get_by_label("Restrictions in force").is_checked()
    axe(page)
    assert page.external_requests == []
