"""View restrictions read once per request (home.restrictions), and page links built with
the request (no cache read of the site root paths per link)."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, PageViewRestriction

from home import restrictions
from home.models import SiteTexts, StandardPage

from .factories import StandardPageFactory


@pytest.fixture
def pages(home_page):
    """Three public pages under the home page, each linked from the primary menu."""
    found = [StandardPageFactory(parent=home_page, title=f"Page {n}") for n in range(3)]
    texts = SiteTexts.objects.get()
    texts.primary_links = [("link", {"label": "", "page": page, "url": ""}) for page in found]
    texts.save()
    return found


def restriction_queries(queries):
    return [q for q in queries.captured_queries if "wagtailcore_pageviewrestriction" in q["sql"]]


def test_a_request_reads_the_restrictions_once(client, pages):
    client.get(pages[0].url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(pages[0].url).status_code == 200
    assert len(restriction_queries(queries)) == 1


def test_every_public_call_of_a_request_shares_one_reading(pages):
    with CaptureQueriesContext(connection) as queries, restrictions.memoised():
        for _ in range(5):
            list(StandardPage.objects.live().public())
        list(restrictions.pages().live().public())
    assert len(restriction_queries(queries)) == 1


def test_outside_a_request_each_call_reads_them(pages):
    with CaptureQueriesContext(connection) as queries:
        list(StandardPage.objects.live().public())
        list(StandardPage.objects.live().public())
    assert len(restriction_queries(queries)) == 2


def test_a_restriction_added_after_a_request_applies_to_the_next(client, pages):
    private = pages[1]
    assert client.get(private.url).status_code == 200
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    assert client.get(private.url).status_code == 302  # to the sign-in page
    assert private not in StandardPage.objects.live().public()


def test_a_restriction_saved_inside_a_request_is_seen_at_once(pages):
    with restrictions.memoised():
        assert pages[2] in StandardPage.objects.live().public()
        PageViewRestriction.objects.create(page=pages[2], restriction_type="login")
        assert pages[2] not in StandardPage.objects.live().public()
        restriction = PageViewRestriction.objects.get()
        restriction.delete()
        assert pages[2] in StandardPage.objects.live().public()


def test_a_section_restriction_covers_its_descendants_and_their_aliases(home_page, pages):
    child = StandardPageFactory(parent=pages[0], title="Child")
    alias = Page.objects.get(pk=pages[0].pk).create_alias(parent=home_page, update_slug="alias")
    restriction = PageViewRestriction.objects.create(page=pages[0], restriction_type="login")
    with restrictions.memoised():
        public = set(StandardPage.objects.live().public().values_list("pk", flat=True))
        assert public == {pages[1].pk, pages[2].pk}
        assert alias.pk not in public
        for page in (pages[0], child, alias.specific):
            assert list(page.get_view_restrictions()) == [restriction]
        assert not pages[1].get_view_restrictions().exists()


def test_a_public_page_is_checked_without_a_query(pages):
    with restrictions.memoised():
        restrictions.restricted_sections()
        with CaptureQueriesContext(connection) as queries:
            assert list(pages[0].get_view_restrictions()) == []
    assert len(queries) == 0


def test_links_read_the_site_root_paths_at_most_once_per_request(client, pages, monkeypatch):
    reads = []
    real_get = cache.get

    def counting_get(key, *args, **kwargs):
        reads.append(key)
        return real_get(key, *args, **kwargs)

    url = pages[0].url
    client.get(url)
    cache.clear()  # the menus (kept as a fragment) are drawn again, links and all
    monkeypatch.setattr(cache, "get", counting_get)
    html = client.get(url).content.decode()
    site_root_reads = reads.count("wagtail_site_root_paths")
    monkeypatch.undo()
    assert all(f'href="{page.url}"' in html for page in pages)  # the menu's links
    assert site_root_reads <= 1
