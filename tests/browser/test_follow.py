"""A reader follows a case and confirms through the link in the email they receive."""

import re


def test_reader_follows_a_case_and_confirms_by_email(page, axe, site_server, mailbox):
    page.goto(site_server.url + "/cases/serikzhan-bilash/")
    page.get_by_role("textbox", name="Your email").fill("reader@example.org")
    page.get_by_role("button", name="Follow this case").click()
    assert "inbox" in page.locator("main").inner_text().lower()
    axe(page)

    site_server.deliver_email()
    message = next(m for m in reversed(mailbox.messages) if m["To"] == "reader@example.org")
    text = message.get_body(("plain",)).get_content()
    link = re.search(r"https?://\S+/follow/confirm/\S+/", text).group(0)
    # The link names the server that sent it (BASE_URL): opened as it is.
    assert link.startswith(site_server.url + "/follow/confirm/")
    page.goto(link)
    axe(page)
    page.get_by_role("button", name="Confirm: follow this case").click()
    assert "You are following this case" in page.locator("main").inner_text()
    assert "Serikzhan Bilash" in page.locator("main").inner_text()
    axe(page)
    assert page.external_requests == []
