"""The site in three languages: the reader's path (switcher, hreflang, sitemap, search),
what a missing or draft translation shows, and query counts that do not grow with the
number of languages."""

import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from home.models import SiteTexts

from ..cases.factories import CasePageFactory
from .factories import StandardPageFactory, translate

SWITCHER = re.compile(r'<nav class="language-switcher".*?</nav>', re.S)
HREFLANG = re.compile(r'<link rel="alternate" hreflang="([a-zA-Z-]+)" href="([^"]+)">')


@pytest.fixture
def about(home_page):
    page = StandardPageFactory(
        parent=home_page, title="About us", slug="about", intro="Who runs this site."
    )
    translate(home_page, "ru", {home_page.title: "Главная"})
    translate(page, "ru", {"About us": "О нас", "Who runs this site.": "Кто ведёт этот сайт."})
    return page


def switcher(html):
    return SWITCHER.search(html).group(0)


def test_a_translated_page_speaks_its_language_and_links_its_versions(client, about):
    html = client.get("/ru/about/").content.decode()
    assert '<html lang="ru">' in html
    assert "Кто ведёт этот сайт." in html and "Who runs this site." not in html
    nav = switcher(html)
    assert '<a href="/about/" hreflang="en" lang="en">English</a>' in nav
    assert '<span aria-current="true" lang="ru">Русский</span>' in nav
    # No Kazakh translation: the switcher says so rather than linking to a 404.
    assert "/kk/about/" not in nav
    assert "This page is not yet translated into Қазақша." in client.get("/about/").text
    alternates = dict(HREFLANG.findall(html))
    assert alternates == {
        "en": "http://testserver/about/",
        "ru": "http://testserver/ru/about/",
        "x-default": "http://testserver/about/",
    }
    for url in alternates.values():
        assert client.get(url).status_code == 200


def test_the_interface_is_in_the_readers_language(client, about):
    html = client.get("/ru/about/").content.decode()
    assert "Перейти к основному содержанию" in html or "Поиск" in html
    assert "Skip to main content" not in html


def test_a_page_not_yet_translated_is_a_404_linking_the_english_page(client, about, home_page):
    StandardPageFactory(parent=home_page, title="Privacy", slug="privacy")
    response = client.get("/ru/privacy/")
    assert response.status_code == 404
    html = response.content.decode()
    assert '<html lang="ru">' in html
    assert 'href="/privacy/" hreflang="en" lang="en"' in html


def test_an_unknown_language_prefix_is_the_sites_404(client, about):
    response = client.get("/xx/about/")
    assert response.status_code == 404
    assert 'class="skip-link"' in response.content.decode()  # the site's own page


def test_a_translation_in_draft_is_not_public(client, about, home_page):
    contact = StandardPageFactory(parent=home_page, title="Press", slug="press")
    translate(contact, "ru", {"Press": "Пресса"}, publish=False)
    assert client.get("/ru/press/").status_code == 404
    assert "/ru/press/" not in switcher(client.get("/press/").text)
    assert "/ru/press/" not in client.get("/sitemap.xml").text


def test_switching_language_keeps_the_filters(client, cases, home_page):
    translate(cases, "ru", {})
    html = client.get("/cases/?status=imprisoned&sort=name").content.decode()
    assert 'href="/ru/cases/?status=imprisoned&amp;sort=name"' in switcher(html)


def test_the_sitemap_lists_every_translation_with_its_alternates(client, about):
    xml = client.get("/sitemap.xml").content.decode()
    assert re.search(r"<loc>http://[^<]+/ru/about/</loc>", xml)
    assert re.search(r"<loc>http://[^<]+/about/</loc>", xml)
    assert re.search(r'hreflang="ru" href="http://[^"]+/ru/about/"', xml)
    assert re.search(r'hreflang="x-default" href="http://[^"/]+/about/"', xml)


def test_search_looks_in_the_readers_language(client, about):
    assert "/ru/about/" in client.get("/ru/search/?q=ведёт").text
    english = client.get("/search/?q=runs").text
    assert "/about/" in english and "/ru/about/" not in english
    assert "/ru/about/" not in client.get("/ru/search/?q=runs").text


def test_menus_and_footer_come_in_the_readers_language(client, about):
    texts = SiteTexts.objects.get()
    texts.primary_links = [("link", {"label": "", "page": about, "url": ""})]
    texts.footer_text = "<p>Run by volunteers.</p>"
    texts.save()
    translate(texts, "ru", {"Run by volunteers.": "Сайт ведут волонтёры."})
    html = client.get("/ru/").content.decode()
    # The menu's page link leads to the Russian page, under its Russian title.
    assert '<a href="/ru/about/">О нас</a>' in html
    assert "Сайт ведут волонтёры." in html
    assert "Run by volunteers." in client.get("/").text


def test_dates_are_written_the_way_each_language_writes_them(client, cases):
    import datetime

    case = CasePageFactory(
        parent=cases, person_name="Aigerim", arrest_date=datetime.date(2021, 1, 20)
    )
    translate(case, "ru", {})
    translate(case, "kk", {})
    assert "20 January 2021" in client.get(case.url).text
    assert "20 января 2021 г." in client.get(f"/ru{case.url}").text
    assert "2021 ж. 20 қаңтар" in client.get(f"/kk{case.url}").text


def queries(client, url):
    client.get(url)  # warm the per-process caches
    cache.clear()
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_queries_do_not_grow_with_the_number_of_languages(client, cases, home_page):
    case = CasePageFactory(parent=cases, person_name="Aigerim")
    one = {url: queries(client, url) for url in ("/", "/cases/", case.url)}
    for code in ("ru", "kk"):
        translate(case, code, {})
    three = {url: queries(client, url) for url in ("/", "/cases/", case.url)}
    assert one == three
    translated = {code: queries(client, f"/{code}{case.url}") for code in ("ru", "kk")}
    assert translated["ru"] == translated["kk"]


def test_russian_search_on_postgresql_finds_other_forms_of_a_word(client, home_page):
    from django.db import connection as db

    if db.vendor != "postgresql":
        pytest.skip("stemming is PostgreSQL's `russian` configuration (CI's PostgreSQL pass)")
    from django.core.management import call_command

    page = StandardPageFactory(parent=home_page, title="Prisoners", slug="prisoners")
    translate(home_page, "ru")
    translate(page, "ru", {"Prisoners": "Политзаключённые"})
    call_command("update_index", verbosity=0)
    assert "/ru/prisoners/" in client.get("/ru/search/?q=политзаключённых").text
