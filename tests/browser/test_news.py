"""A reader asks for campaign news at /newsletter/, confirms through the emailed link, then
unsubscribes from the link every issue carries; on a phone and on a desktop."""

import re

import pytest


@pytest.mark.parametrize("width", [375, 1280])
def test_reader_subscribes_confirms_and_unsubscribes(page, axe, site_server, mailbox, width):
    address = f"news-reader-{width}@example.org"
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(site_server.url + "/newsletter/")
    assert page.locator("h1").inner_text() == "Campaign news by email"
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    axe(page)

    # A mistake first: a clear message, nothing sent.
    page.get_by_role("textbox", name="Your email").fill("not an address")
    page.get_by_role("button", name="Get the news").click()
    assert "does not look right" in page.locator("main").inner_text()
    axe(page)

    page.get_by_role("textbox", name="Your email").fill(address)
    page.get_by_label("Which news?").select_option(label="Kazakhstan")
    page.get_by_role("button", name="Get the news").click()
    assert page.locator("h1").inner_text() == "Check your inbox"
    axe(page)

    site_server.deliver_email()
    message = next(m for m in reversed(mailbox.messages) if m["To"] == address)
    text = message.get_body(("plain",)).get_content()
    link = re.search(r"https?://\S+/newsletter/confirm/\S+/", text).group(0)
    assert link.startswith(site_server.url + "/newsletter/confirm/")
    page.goto(link)
    axe(page)
    page.get_by_role("button", name="Confirm: send me the news").click()
    assert page.locator("h1").inner_text() == "You will get our news"
    axe(page)

    # The page's own unsubscribe link, as every issue's footer and header carry.
    page.get_by_role("link", name="unsubscribe").click()
    assert page.locator("h1").inner_text() == "Stop the campaign news?"
    axe(page)
    page.get_by_role("button", name="Unsubscribe").click()
    assert page.locator("h1").inner_text() == "You have unsubscribed"
    assert address not in page.content()
    axe(page)
    assert page.external_requests == []
