"""The site in Russian and Kazakh: a reader switches language and stays on the same case; a
supporter signs in Kazakh and is written to in Kazakh; a campaigner translates a page and
keeps it in sync in the admin (snapped for the guide)."""

import re

from playwright.sync_api import expect

CASE = "/cases/mukhtar-ablyazov/"
PETITION = "/act/reform-inciting-discord/"


def test_a_reader_on_a_kazakh_case_switches_to_russian_and_stays_on_the_case(
    page, axe, site_server
):
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(site_server.url + "/kk" + CASE)
    assert page.locator("html").get_attribute("lang") == "kk"
    assert "Мұхтар Әблязов" in page.locator("h1").inner_text()
    axe(page)
    switcher = page.get_by_role("navigation", name="Тіл")
    switcher.get_by_role("link", name="Русский").click()
    assert page.url == site_server.url + "/ru" + CASE
    assert page.locator("html").get_attribute("lang") == "ru"
    assert "Мухтар Аблязов" in page.locator("h1").inner_text()
    axe(page)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.get_by_role("navigation", name="Язык").get_by_role("link", name="English").click()
    assert page.url == site_server.url + CASE
    axe(page)
    # A filtered list keeps its filters in the other language.
    page.goto(site_server.url + "/ru/cases/?status=in-exile")
    page.get_by_role("navigation", name="Язык").get_by_role("link", name="Қазақша").click()
    assert page.url == site_server.url + "/kk/cases/?status=in-exile"
    axe(page)
    assert page.external_requests == []


def test_a_supporter_signs_in_kazakh_and_is_written_to_in_kazakh(page, axe, site_server, mailbox):
    page.goto(site_server.url + "/kk" + PETITION)
    axe(page)
    form = page.locator("form.sign-form")
    form.locator("input[name=name]").fill("Айдана Тест")
    form.locator("input[name=email]").fill("aidana@example.org")
    form.locator("input[name=consent]").check()
    form.locator("button[type=submit]").click()
    assert page.url == site_server.url + "/kk" + PETITION + "thanks/"
    assert page.locator("html").get_attribute("lang") == "kk"
    axe(page)

    site_server.deliver_email()
    message = next(m for m in reversed(mailbox.messages) if m["To"] == "aidana@example.org")
    text = message.get_body(("plain",)).get_content()
    assert re.search("[әғқңөұүһі]", message["Subject"] + text)
    assert "Please" not in text
    link = re.search(r"https?://\S+/sign/confirm/\S+/", text).group(0)
    assert link.startswith(site_server.url + "/kk/sign/confirm/")
    page.goto(link)
    axe(page)
    page.locator("main form button[type=submit]").click()
    assert page.locator("html").get_attribute("lang") == "kk"
    axe(page)


def test_a_campaigner_translates_a_page_and_keeps_it_in_sync(page, site_server, sign_in, snap):
    site_server.manage("ensure_admin")  # one demo user per role
    sign_in(page, site_server.url, "campaigner")
    # The dashboard lists what is still to translate.
    panel = page.locator("#translations-to-do-section")
    expect(panel).to_be_visible()
    snap(page, "translate-dashboard", show=panel)

    # A fictional case exists only in English: translate it into Russian.
    page.goto(site_server.url + "/admin/pages/search/?q=Asel+Iskakova")
    page.get_by_role("link", name=re.compile("Asel Iskakova")).first.click()
    page_id = re.search(r"/admin/pages/(\d+)/edit/", page.url).group(1)
    page.goto(site_server.url + f"/admin/localize/submit/page/{page_id}/")
    page.get_by_label("Russian").check()
    snap(page, "translate-choose-languages")
    page.get_by_role("button", name=re.compile("Submit")).click()
    expect(page.get_by_role("heading", name="English to Russian translation")).to_be_visible()
    snap(page, "translate-editor")
    assert "/admin/pages/" in page.url

    # After the English page changes, "Sync translated pages" brings the change over.
    page.goto(site_server.url + f"/admin/pages/{page_id}/edit/")
    page.get_by_role("button", name=re.compile("More actions|Actions", re.I)).first.click()
    sync = page.get_by_role("link", name=re.compile("Sync translated pages", re.I))
    expect(sync).to_be_visible()
    snap(page, "translate-sync-menu")
    sync.click()
    expect(
        page.get_by_role("heading", name=re.compile("Update existing translations"))
    ).to_be_visible()
    snap(page, "translate-sync")
    page.locator("main form [type=submit]").last.click()
    assert "/edit/" in page.url  # back in the editor, the translation brought up to date
