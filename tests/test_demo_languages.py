"""The demo in Russian and Kazakh: every public page of the demo exists in each language,
speaks it (`lang`, interface, content), links its other versions, and carries no English
sentence of its source page, except the sources cited as published (marked `lang="en"`)."""

import re

import pytest
from bs4 import BeautifulSoup

from home.demo.translations import PAGES

LANGUAGES = ["ru", "kk"]
URLS = ["/" + path for path, _name in PAGES]
KAZAKH_LETTERS = set("әғқңөұүһі")
SENTENCE = re.compile(r"[A-Z][^.!?:]{30,}[.!?]")


@pytest.fixture
def demo(built_demo, db):
    return built_demo


def main_text(html, language):
    """The words of the page's <main> in its own language: fragments marked as another
    language (cited sources, names of other languages) left out."""
    main = BeautifulSoup(html, "html.parser").find("main")
    for other in main.find_all(attrs={"lang": True}):
        if other["lang"] != language:
            other.decompose()
    return " ".join(main.get_text(" ").split())


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("url", URLS)
def test_every_demo_page_speaks_the_language_and_links_its_versions(demo, client, url, language):
    response = client.get(f"/{language}{url}")
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    soup = BeautifulSoup(html, "html.parser")
    links = {
        link["hreflang"]: link["href"]
        for link in soup.find_all("link", rel="alternate", hreflang=True)
    }
    assert set(links) == {"en", "ru", "kk", "x-default"}
    for href in links.values():
        assert client.get(href).status_code == 200, href
    switcher = soup.find("nav", class_="language-switcher")
    for link in switcher.find_all("a"):
        assert client.get(link["href"]).status_code == 200, link["href"]
    assert switcher.find(attrs={"aria-current": "true"})["lang"] == language


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("url", URLS)
def test_no_english_sentence_of_the_source_is_left(demo, client, url, language):
    english = main_text(client.get(url).content.decode(), "en")
    translated = main_text(client.get(f"/{language}{url}").content.decode(), language)
    left = [s for s in SENTENCE.findall(english) if s in translated]
    assert not left, left[:3]
    if language == "kk":
        assert KAZAKH_LETTERS & set(translated.lower()), "Kazakh text without its own letters"


def test_the_fictional_cases_stay_in_english_and_say_so(demo, client):
    html = client.get("/cases/demo-asel-iskakova/").content.decode()
    assert "This page is not yet translated into" in html
    response = client.get("/ru/cases/demo-asel-iskakova/")
    assert response.status_code == 404
    assert 'href="/cases/demo-asel-iskakova/" hreflang="en"' in response.content.decode()
    # The Russian case index still lists them, in English and marked so.
    index = client.get("/ru/cases/").content.decode()
    assert "Asel Iskakova" in index
