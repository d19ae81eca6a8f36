"""A supporter writes to the team and sees the thank-you page."""


def test_supporter_sends_a_message_and_is_thanked(page, axe, site_server, mailbox):
    # A case's "Report an inaccuracy" now opens its own form (tests/browser/
    # test_corrections.py); links to the contact page made before that still name the case.
    page.goto(site_server.url + "/contact/?case=vladimir-kozlov")
    assert "Correction: Vladimir Kozlov" in page.locator("form.contact-form").inner_html()
    axe(page)

    # The form refuses an empty message with a clear, visible reason.
    page.get_by_role("textbox", name="Email").fill("supporter@example.org")
    page.get_by_role("button", name="Send message").click()
    assert page.locator(".form-field__error, .form-errors").count() >= 1
    axe(page)

    page.get_by_role("textbox", name="Message").fill("His release date is 19 August 2016.")
    page.get_by_role("button", name="Send message").click()
    assert "Thank you" in page.locator("main").inner_text()
    assert "supporter@example.org" not in page.url and "?" not in page.url.split("/contact/")[1]
    axe(page)
    assert page.external_requests == []

    # The worker delivers it to the team, with the supporter as Reply-To.
    site_server.deliver_email()
    message = next(m for m in mailbox.messages if "Vladimir Kozlov" in str(m["Subject"]))
    assert message["Reply-To"] == "supporter@example.org"
    assert "19 August 2016" in message.get_body(("plain",)).get_content()
