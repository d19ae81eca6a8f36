"""Supporters act: sign a petition and confirm by email; write a letter; readers go from
the campaign page to a case and to an action."""

import re

PETITION = "/act/reform-inciting-discord/"
LETTER = "/act/write-to-the-prosecutor-general/"


def confirmed_count(page):
    text = page.locator(".action-count__figure").first.inner_text()
    return int(re.search(r"([\d,]+) confirmed signature", text).group(1).replace(",", ""))


def test_supporter_signs_confirms_by_email_and_sees_the_count_rise(
    page, axe, site_server, mailbox
):
    page.goto(site_server.url + PETITION)
    before = confirmed_count(page)
    axe(page)

    page.get_by_label("Your name").fill("Gulnara Test")
    page.get_by_label("Your email").fill("gulnara@example.org")
    page.get_by_label("Country (optional)").select_option("DE")
    page.get_by_label("Show my first name and country on this page").check()
    page.get_by_label(re.compile("^I agree")).check()
    page.get_by_role("button", name="Sign the petition").click()

    assert page.url == site_server.url + PETITION + "thanks/"
    assert "Check your inbox" in page.locator("main").inner_text()
    assert "gulnara" not in page.content().lower()
    axe(page)

    site_server.deliver_email()
    message = next(m for m in reversed(mailbox.messages) if m["To"] == "gulnara@example.org")
    assert "confirm" in message["Subject"].lower()
    text = message.get_body(("plain",)).get_content()
    link = re.search(r"https?://\S+/sign/confirm/\S+/", text).group(0)
    assert link.startswith(site_server.url + "/sign/confirm/")
    page.goto(link)
    axe(page)
    page.get_by_role("button", name="Confirm my signature").click()
    assert "Your signature counts" in page.locator("main").inner_text()
    axe(page)

    page.goto(site_server.url + PETITION)
    assert confirmed_count(page) == before + 1
    assert "Gulnara, Germany" in page.locator(".signers").inner_text()
    assert "Test" not in page.locator(".signers").inner_text()
    assert page.external_requests == []


def test_bad_signature_input_is_explained_and_kept(page, axe, site_server):
    page.goto(site_server.url + PETITION)
    page.get_by_label("Your name").fill("Dana")
    page.get_by_label("Your email").fill("not an address")
    page.get_by_role("button", name="Sign the petition").click()
    main = page.locator("main").inner_text()
    assert "Your signature was not sent yet" in main
    assert "does not look right" in main and "Please tick this box" in main
    assert page.get_by_label("Your name").input_value() == "Dana"
    axe(page)


def test_reader_goes_from_the_campaign_to_a_case_and_to_an_action(page, axe, site_server):
    page.goto(site_server.url + "/kazakhstan/")
    axe(page)
    page.locator('main a[href="/cases/serikzhan-bilash/"]').first.click()
    assert page.url.endswith("/cases/serikzhan-bilash/")
    axe(page)
    page.goto(site_server.url + "/kazakhstan/")
    page.locator(f'main a[href="{PETITION}"]').first.click()
    assert page.url.endswith(PETITION)
    assert page.get_by_role("button", name="Sign the petition").is_visible()
    assert page.external_requests == []


def test_letter_writer_copies_the_letter_and_counts_it(page, axe, site_server):
    page.goto(site_server.url + LETTER)
    letter = page.get_by_label("Letter text").inner_text()
    assert "{" not in letter and len(letter) > 100
    axe(page)
    page.get_by_role("button", name="I sent a letter").click()
    assert page.url.endswith(LETTER + "thanks/")
    assert "Thank you for writing" in page.locator("main").inner_text()
    axe(page)
    assert page.external_requests == []
