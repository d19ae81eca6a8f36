"""Corrections in the browser: a reader reads the public corrections on a phone and a
desktop, reports an inaccuracy on a case, and an editor finds the report in the admin."""

import pytest
from playwright.sync_api import expect

AMNESTY = "https://www.amnesty.org/en/documents/eur57/0926/2019/en/"


@pytest.mark.parametrize("width", [375, 1280])
def test_reader_reads_the_corrections(page, axe, site_server, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(site_server.url + "/corrections/")
    assert page.locator("h1").inner_text() == "Corrections"
    items = page.locator(".corrections__item")
    names = page.locator(".corrections__title").all_inner_texts()
    assert {"Mukhtar Ablyazov", "Serikzhan Bilash"} <= set(names)
    bilash = items.filter(has_text="Serikzhan Bilash")
    assert "He was never sent to prison." in bilash.inner_text()
    assert (
        bilash.get_by_role(
            "link", name="Amnesty International, Urgent Action 046/19 (EUR 57/0926/2019)"
        ).get_attribute("href")
        == AMNESTY
    )
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    axe(page)
    assert page.external_requests == []

    # The correction is on the case page too, where its link leads.
    bilash.get_by_role("link", name="Link to this correction").click()
    assert "/cases/serikzhan-bilash/#correction-" in page.url
    section = page.get_by_role("region", name="Corrections")
    assert "He was never sent to prison." in section.inner_text()
    axe(page)


def test_reader_reports_an_inaccuracy_and_an_editor_sees_it(
    page, browser, axe, site_server, sign_in
):
    page.goto(site_server.url + "/cases/vladimir-kozlov/")
    page.get_by_role("link", name="Report an inaccuracy").click()
    assert page.locator("h1").inner_text() == "Report an inaccuracy on the case of Vladimir Kozlov"
    axe(page)
    page.get_by_label("What is wrong?").fill(
        "The colony's name is missing a letter (browser test)."
    )
    page.get_by_label("Your email (optional, never shown)").fill("reader.browser@example.org")
    page.get_by_role("button", name="Send the report").click()
    assert page.locator("h1").inner_text() == "Thank you for your report"
    assert "reader.browser@example.org" not in page.content()
    axe(page)
    assert page.external_requests == []

    # The editor works in a browser of their own (their own cookies).
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
    editor = context.new_page()
    try:
        site_server.manage("ensure_admin")  # the demo users, one per role
        sign_in(editor, site_server.url, "editor")
        editor.goto(site_server.url + "/admin/")
        panel = editor.locator("section[aria-labelledby=open-inaccuracy-reports-heading]")
        assert "open" in panel.inner_text()
        panel.get_by_role("link", name="All inaccuracy reports").click()
        row = editor.locator("tr", has_text="Vladimir Kozlov").first
        assert "Received" in row.inner_text()
        row.get_by_role("link").first.click()
        # Wait for the report's own page: read at once, `main` can be the list's, leaving.
        main = editor.locator("main")
        expect(main).to_contain_text("The colony's name is missing a letter (browser test).")
        assert "reader.browser@example.org" in main.inner_text()
    finally:
        context.close()
