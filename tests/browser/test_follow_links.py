"""A follower manages their follows from an emailed link, and asks for a fresh one when a
link has expired: the token never stays in the address bar."""

import re

CASE = "/cases/serikzhan-bilash/"
ADDRESS = "manager@example.org"


def test_a_follower_manages_follows_and_gets_a_fresh_link(page, axe, site_server, mailbox):
    page.goto(site_server.url + CASE)
    page.get_by_role("textbox", name="Your email").fill(ADDRESS)
    page.get_by_role("button", name="Follow this case").click()
    site_server.deliver_email()
    message = next(m for m in reversed(mailbox.messages) if m["To"] == ADDRESS)
    text = message.get_body(("plain",)).get_content()
    page.goto(re.search(r"https?://\S+/follow/confirm/\S+/", text).group(0))
    page.get_by_role("button", name="Confirm: follow this case").click()

    page.get_by_role("link", name="Manage your follows").click()
    assert page.url == site_server.url + "/follow/manage/"  # the token left the address
    assert "Serikzhan Bilash" in page.locator("main").inner_text()
    axe(page)
    page.get_by_role("button", name="Stop following all cases").click()
    assert "This address follows no cases now." in page.locator("main").inner_text()

    page.goto(site_server.url + "/follow/manage/?token=expired")
    assert "This link does not work" in page.locator("main").inner_text()
    axe(page)
    page.get_by_role("textbox", name="Your email").fill(ADDRESS)
    page.get_by_role("button", name="Send me a link").click()
    assert "Check your inbox" in page.locator("main").inner_text()
    axe(page)
    assert page.external_requests == []
