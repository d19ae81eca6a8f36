"""A reader asks “says who?”: lists the cases Amnesty International recognises, opens
Serikzhan Bilash's and sees who recognises him and where they said so, on a phone and on
a desktop; and splits the arrests chart by recognition."""

import pytest

AMNESTY_UA = "https://www.amnesty.org/en/documents/eur57/0926/2019/en/"


@pytest.mark.parametrize("width", [375, 1280])
def test_reader_finds_who_recognises_a_person(page, axe, site_server, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(site_server.url + "/cases/")
    if width < 960:  # on a phone the filters are folded under their heading
        page.get_by_text("Find a case").click()
    page.get_by_label("Recognised by").select_option(label="Amnesty International")
    page.get_by_role("button", name="Show cases").click()
    assert "recognised_by=amnesty-international" in page.url

    names = page.locator(".case-list .case-card__name").all_inner_texts()
    assert sorted(names) == ["Serikzhan Bilash", "Vladimir Kozlov"]
    for card in page.locator(".case-list .case-card").all():
        assert "Prisoner of conscience (Amnesty International)" in card.inner_text()
    assert page.get_by_role("heading", name="2 cases match").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    axe(page)

    page.get_by_role("link", name="Serikzhan Bilash").click()
    assert page.locator("h1").inner_text() == "Serikzhan Bilash"
    facts = page.get_by_role("complementary", name="Case facts")
    text = facts.inner_text()
    recognised = text.split("Recognised as", 1)[1]
    assert "Prisoner of conscience: Amnesty International" in recognised
    assert "Arbitrarily detained (UN WGAD opinion): UN Working Group on Arbitrary Detention" in (
        recognised
    )
    assert "(opinion adopted in 2020)" in recognised
    source = facts.get_by_role(
        "link", name="Amnesty International, Urgent Action 046/19-3 (EUR 57/0926/2019)"
    )
    assert source.get_attribute("href") == AMNESTY_UA
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    axe(page)
    assert page.external_requests == []


def test_reader_splits_the_chart_by_recognition(page, axe, site_server):
    page.goto(site_server.url + "/cases/")
    page.get_by_role("link", name="recognition by an organisation").click()
    assert "chart=recognition" in page.url
    chart = page.locator("figure.chart")
    assert (
        "whether an organisation recognises the person" in chart.locator("figcaption").inner_text()
    )
    chart.get_by_text("Show the numbers as a table").click()
    header = chart.locator("thead").inner_text()
    assert "Recognised by at least one organisation" in header
    assert "No recognition listed" in header
    axe(page)
    assert page.external_requests == []
