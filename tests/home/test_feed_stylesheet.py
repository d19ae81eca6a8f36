"""The site's Atom feeds name the site's own XSLT (home/static/feeds/atom.xsl), so a browser
shows a page explaining how to subscribe; they stay plain Atom for feed readers. The
stylesheet loads nothing from another host and needs nothing the CSP forbids. What a reader
sees in the browser is tested in tests/browser/test_layout.py.
"""

import re
from pathlib import Path
from xml.etree import ElementTree

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders

ATOM = "{http://www.w3.org/2005/Atom}"
XSL = "{http://www.w3.org/1999/XSL/Transform}"
INSTRUCTION = '<?xml-stylesheet href="/static/feeds/atom.xsl" media="screen" type="text/xsl"?>'
# Every feed of the demo: the case index's, one case's, the blog's and the corrections', in
# each language.
FEEDS = [
    f"{prefix}{path}"
    for prefix in ("", "/ru", "/kk")
    for path in (
        "/cases/feed/",
        "/cases/serikzhan-bilash/feed/",
        "/blog/feed/",
        "/corrections/feed/",
    )
]
# The namespaces are names, not addresses a browser loads.
NAMESPACES = {"http://www.w3.org/1999/XSL/Transform", "http://www.w3.org/2005/Atom"}


@pytest.fixture
def demo(built_demo, db):
    return built_demo


@pytest.mark.parametrize("url", FEEDS)
def test_every_feed_names_the_stylesheet_and_stays_valid_atom(demo, client, url):
    response = client.get(url)
    assert response.status_code == 200
    # application/xml, not atom+xml: browsers show the latter as text and never style it.
    assert response["Content-Type"] == "application/xml; charset=utf-8"
    text = response.content.decode()
    prologue, _feed = text.split("<feed", 1)
    assert prologue == f'<?xml version="1.0" encoding="utf-8"?>\n{INSTRUCTION}'
    feed = ElementTree.fromstring(response.content)
    assert feed.tag == f"{ATOM}feed"
    for required in ("id", "title", "updated", "author"):
        assert feed.find(f"{ATOM}{required}") is not None, required
    assert feed.find(f"{ATOM}link[@rel='self']") is not None
    language = url.split("/")[1] if url.startswith(("/ru/", "/kk/")) else "en"
    # The stylesheet picks its sentences by this attribute.
    assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == language
    entries = feed.findall(f"{ATOM}entry")
    assert entries, url
    assert all(entry.find(f"{ATOM}link[@rel='alternate']") is not None for entry in entries)


def stylesheet():
    path = finders.find("feeds/atom.xsl")
    assert path, "home/static/feeds/atom.xsl is not found by the static files finders"
    return Path(path).read_text()


def test_the_stylesheet_is_self_contained_and_allowed_by_the_csp():
    text = stylesheet()
    root = ElementTree.fromstring(text.encode())
    assert root.tag == f"{XSL}stylesheet"
    # No address of another host anywhere: only the two namespace names.
    assert set(re.findall(r"https?://[^\s\"'<>]+", text)) <= NAMESPACES
    # Nothing the CSP (no inline script or style) would block.
    elements = {element.tag for element in root.iter()}
    assert not elements & {"script", "style", "iframe", "object", "img"}
    assert not any(
        name == "style" or name.startswith("on")
        for element in root.iter()
        for name in element.attrib
    )
    # Its only stylesheet is the site's own, allowed by style-src 'self'.
    links = [element.attrib for element in root.iter("link")]
    assert links == [{"rel": "stylesheet", "href": settings.STATIC_URL + "css/site.css"}]
    assert finders.find("css/site.css")
    assert "'self'" in str(settings.SECURE_CSP["style-src"])


def test_the_stylesheet_speaks_each_language_of_the_site():
    text = stylesheet()
    for language, _name in settings.LANGUAGES:
        if language != settings.LANGUAGE_CODE:
            assert f"$lang = '{language}'" in text, language
    # Each sentence is given in every language: as many Russian and Kazakh versions as
    # English ones.
    counts = {
        language: len(re.findall(rf'<xsl:with-param name="{language}">', text))
        for language in ("en", "ru", "kk")
    }
    assert counts["en"] >= 6 and len(set(counts.values())) == 1, counts
