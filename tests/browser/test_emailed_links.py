"""Every link the site sends works: opened exactly as emailed, on the server that sent it.

The site server listens on a free port other than 8000 (see conftest), so a link built from
a stale or default address (http://127.0.0.1:8000/...) fails here instead of passing.
"""

import re
from urllib.parse import urlsplit

from home.mail import links_in

from .conftest import DEFAULT_PORT

CASE = "/cases/mukhtar-ablyazov/"
PETITION = "/act/reform-inciting-discord/"


def delivered_to(site_server, mailbox, address):
    site_server.deliver_email()
    return next(m for m in reversed(mailbox.messages) if m["To"] == address)


def assert_all_on_this_server(links, site_server):
    assert links
    for link in links:
        assert urlsplit(link).netloc == f"127.0.0.1:{site_server.port}", link
    assert site_server.port != DEFAULT_PORT


def test_a_reader_confirms_a_follow_by_opening_the_emailed_link_as_it_is(
    page, axe, site_server, mailbox
):
    page.goto(site_server.url + CASE)
    # What readers share and search engines keep names this server too.
    canonical = page.locator('link[rel="canonical"]').get_attribute("href")
    og_url = page.locator('meta[property="og:url"]').get_attribute("content")
    assert canonical == og_url == site_server.url + CASE
    page.get_by_role("textbox", name="Your email").fill("links-reader@example.org")
    page.get_by_role("button", name="Follow this case").click()

    message = delivered_to(site_server, mailbox, "links-reader@example.org")
    text = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    links = links_in(text, html)
    assert_all_on_this_server(links, site_server)
    # Every link answers (a GET acts on nothing: confirming takes a button).
    for link in links:
        assert page.request.get(link).status == 200, link

    (confirm,) = [link for link in links if "/follow/confirm/" in link]
    response = page.goto(confirm)
    assert response.status == 200
    axe(page)
    page.get_by_role("button", name="Confirm: follow this case").click()
    assert "You are following this case" in page.locator("main").inner_text()
    assert page.url.startswith(site_server.url)
    assert page.external_requests == []


def test_an_admin_opens_a_signature_email_in_the_admin_and_its_link_works(
    page, axe, site_server, mailbox, sign_in
):
    site_server.manage("ensure_admin")
    page.goto(site_server.url + PETITION)
    page.get_by_label("Your name").fill("Aigerim Links")
    page.get_by_label("Your email").fill("links-signer@example.org")
    page.get_by_label(re.compile("^I agree")).check()
    page.get_by_role("button", name="Sign the petition").click()
    message = delivered_to(site_server, mailbox, "links-signer@example.org")
    text = message.get_body(("plain",)).get_content()
    (emailed,) = [link for link in links_in(text) if "/sign/confirm/" in link]
    assert_all_on_this_server([emailed], site_server)

    # The team reads the same email, decoded, under Outgoing email.
    sign_in(page, site_server.url, "admin")
    page.goto(site_server.url + "/admin/outgoing-email/")
    page.get_by_role("link", name=re.compile(r"Please confirm your signature")).first.click()
    assert "links-signer@example.org" in page.locator("main").inner_text()
    link = page.locator("main").get_by_role("link", name=emailed).first
    assert link.get_attribute("href") == emailed
    link.click()

    assert page.url == emailed
    assert page.get_by_role("button", name="Confirm my signature").is_visible()
    axe(page)
    page.get_by_role("button", name="Confirm my signature").click()
    assert "Your signature counts" in page.locator("main").inner_text()
    assert page.external_requests == []
