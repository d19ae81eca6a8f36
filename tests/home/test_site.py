"""The shell around the pages: errors, robots, sitemap, health, languages, admin."""

from xml.etree import ElementTree

import pytest
from django.template.loader import render_to_string
from django.test import Client

from .factories import StandardPageFactory


def test_unknown_address_gives_a_helpful_404(client, home_page):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Page not found" in html
    assert 'action="/search/"' in html
    assert '<meta name="robots" content="noindex">' in html


def test_500_page_needs_no_context_or_database(db, django_assert_num_queries):
    with django_assert_num_queries(0):
        html = render_to_string("500.html")
    assert "Something went wrong" in html
    assert "css/site.css" in html


def test_a_crash_shows_the_500_page(home_page, monkeypatch):
    def explode(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr("home.models.HomePage.get_context", explode)
    client = Client(raise_request_exception=False)
    response = client.get("/")
    assert response.status_code == 500
    assert "Something went wrong" in response.content.decode()
    assert "boom" not in response.content.decode()


def test_robots_txt_points_at_the_sitemap(client, home_page):
    response = client.get("/robots.txt")
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    body = response.content.decode()
    assert "Disallow: /admin/" in body
    assert "Sitemap: http://testserver/sitemap.xml" in body


def test_sitemap_lists_live_pages_only(client, home_page):
    StandardPageFactory(parent=home_page, title="About us", slug="about")
    draft = StandardPageFactory(parent=home_page, title="Draft", slug="draft", live=False)
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locations = [
        loc.text
        for loc in ElementTree.fromstring(response.content).findall("s:url/s:loc", namespace)
    ]
    assert "http://localhost/about/" in locations
    assert f"http://localhost/{draft.slug}/" not in locations
    assert "public" in response["Cache-Control"]


def test_a_language_without_its_home_page_is_not_served_in_english(client, home_page):
    """No Russian home page yet: /ru/ is not the English site under a Russian address, but
    the site's 404, in Russian, linking to the English page at the same address."""
    response = client.get("/ru/")
    assert response.status_code == 404
    html = response.content.decode()
    assert '<html lang="ru">' in html
    assert 'href="/" hreflang="en" lang="en"' in html
    assert '<html lang="en">' in client.get("/").content.decode()


def test_admin_gets_its_own_content_security_policy(client, db):
    response = client.get("/admin/login/")
    assert response.status_code == 200
    assert "frame-ancestors 'self'" in response["Content-Security-Policy"]


@pytest.mark.parametrize("url", ["/", "/search/?q=x", "/no-such-page/"])
def test_public_responses_carry_security_headers(client, home_page, url):
    response = client.get(url)
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]


def test_no_public_page_loads_anything_from_another_host(client, home_page):
    html = client.get("/").content.decode()
    for attribute in ('src="http', 'src="//', 'href="//', "<script"):
        assert attribute not in html, attribute
