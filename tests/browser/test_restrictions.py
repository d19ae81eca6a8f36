"""A reader sees what Serikzhan Bilash still lives under after release, on a phone and
on a desktop, and lists the cases with restrictions in force."""

import datetime

import pytest

BAN_ENDS = datetime.date(2026, 8, 17)  # the seven-year ban on public activity


@pytest.mark.parametrize("width", [375, 1280])
def test_reader_sees_restrictions_after_release(page, axe, site_server, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(site_server.url + "/cases/serikzhan-bilash/")
    assert page.locator("h1").inner_text() == "Serikzhan Bilash"

    # The status line under the name names the restrictions in force.
    status_line = page.locator(".case__status-line")
    if datetime.date.today() <= BAN_ENDS:
        expected = "In exile, under a ban on public activity until 17 August 2026 and a travel ban"
    else:
        expected = "In exile, under a travel ban"
    assert status_line.inner_text() == expected
    assert status_line.is_visible()

    facts = page.get_by_role("complementary", name="Case facts")
    text = facts.inner_text()
    assert "Restrictions in force" in text
    assert "Travel ban (as part of the plea deal)" in text and "until further notice" in text
    assert "Ban on public activity (7 years)" in text and "17 August 2026" in text
    if datetime.date.today() > BAN_ENDS:
        past = text.split("Past restrictions", 1)[1]
        assert "Ban on public activity" in past
    source = facts.get_by_role("link", name="Amnesty International, Urgent Action 046/19").first
    assert source.get_attribute("href") == (
        "https://www.amnesty.org/en/documents/eur57/0926/2019/en/"
    )
    # Nothing overflows the phone's width.
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    axe(page)
    assert page.external_requests == []


def test_reader_lists_cases_with_restrictions_in_force(page, axe, site_server):
    page.goto(site_server.url + "/cases/")
    page.get_by_label("Restrictions in force").check()
    page.get_by_role("button", name="Show cases").click()
    assert "restricted=1" in page.url
    names = page.locator(".case-list .case-card__name").all_inner_texts()
    assert "Serikzhan Bilash" in names and "Vladimir Kozlov" not in names
    for card in page.locator(".case-list .case-card").all():
        assert "Restrictions in force" in card.inner_text()
    assert page.get_by_label("Restrictions in force").is_checked()
    axe(page)
    assert page.external_requests == []
