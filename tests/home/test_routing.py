"""Routing from the reader's home page (home.routing, home.i18n.localized_specific) and the
calls to action of a page read in one query (home.blocks.ActionTeaserBlock): what each
page shows is what Wagtail would show, for fewer queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from wagtail.models import Locale, Page, Site

from campaigns.models import ActionTally
from home.blocks import ActionTeaserBlock
from home.i18n import active_locale_id, localized_specific
from home.models import HomePage

from ..actions.factories import ActionIndexPageFactory, ActionPageFactory
from .factories import StandardPageFactory, translate


@pytest.fixture
def about(home_page):
    page = StandardPageFactory(parent=home_page, title="About us", slug="about")
    translate(home_page, "ru", {home_page.title: "Главная"})
    translate(page, "ru", {"About us": "О нас"})
    return page


def site_root():
    return Site.objects.select_related("root_page").get(is_default_site=True).root_page


def wagtails_choice(root):
    return root.localized.specific


@pytest.mark.parametrize("language", ["en", "ru", "kk"])
def test_the_readers_home_page_is_wagtails_read_in_one_query(about, language):
    root = site_root()
    with translation.override(language):
        expected = wagtails_choice(site_root())
        localized_specific(root)  # the locale ids, read once per process
        with CaptureQueriesContext(connection) as captured:
            found = localized_specific(root)
    assert (type(found), found.pk) == (HomePage, expected.pk)
    assert found.locale.language_code == ("ru" if language == "ru" else "en")
    assert len(captured) == 1


def test_a_home_page_translation_in_draft_is_not_where_readers_start(about, home_page):
    russian = home_page.get_translation(Locale.objects.get(language_code="ru"))
    russian.unpublish()
    with translation.override("ru"):
        assert localized_specific(site_root()).pk == home_page.pk
    assert Page.objects.get(pk=russian.pk).live is False


def test_pages_are_served_and_routed_once_in_the_readers_language(client, about):
    english, russian = client.get("/about/"), client.get("/ru/about/")
    assert english.context["page"].pk == about.pk
    assert russian.context["page"].title == "О нас"
    assert "<h1" in russian.text and "О нас" in russian.text
    # What Wagtail's own page lookup finds later in the request is the page served.
    request = russian.wsgi_request
    assert Page.find_for_request(request, "/about/").pk == russian.context["page"].pk
    assert client.get("/ru/no-such-page/").status_code == 404


def test_calls_to_action_keep_the_chosen_action_and_show_the_readers(home_page):
    act = ActionIndexPageFactory(parent=home_page)
    petition = ActionPageFactory(parent=act, title="Petition", slug="petition")
    letter = ActionPageFactory(
        parent=act, title="Letter", slug="letter", kind="letter", letter_template="Dear official,"
    )
    ActionTally.add(petition.pk, "signatures", 5)
    russian = translate(petition, "ru", {"Petition": "Петиция"})
    block = ActionTeaserBlock()
    raw = [{"action": petition.pk}, {"action": letter.pk}, {"action": petition.pk}]
    with translation.override("ru"):
        active_locale_id()  # the locale ids, read once per process
    with translation.override("ru"), CaptureQueriesContext(connection) as captured:
        values = block.bulk_to_python(raw)
        shown = [value.reader_action for value in values]
        counts = [action.count for action in shown]
    assert len(captured) == 1  # the actions, their translations and counts
    assert [action.pk for action in shown] == [russian.pk, letter.pk, russian.pk]
    assert counts == [5, 0, 5]
    # What the editor chose is what is saved, whatever language it was read in.
    assert [block.get_prep_value(value)["action"] for value in values] == [
        petition.pk,
        letter.pk,
        petition.pk,
    ]


# --- routing kept in the cache (home.fragments.kept_read) ------------------------------------


def queries_of(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    return response, [query["sql"] for query in captured]


def test_a_warm_request_reads_its_site_route_and_translations_from_the_cache(client, about):
    client.get("/about/")
    response, sql = queries_of(client, "/about/")
    assert response.status_code == 200 and response.context["page"].pk == about.pk
    assert not [q for q in sql if 'FROM "wagtailcore_site"' in q], sql
    # The view restrictions (joined to their pages) are the one page read left.
    assert not [q for q in sql if 'FROM "wagtailcore_page"' in q], sql
    assert 'hreflang="ru"' in response.content.decode()


def test_a_page_moved_or_renamed_is_routed_afresh(client, home_page, about):
    client.get("/about/")
    about.slug = "who-we-are"
    about.save_revision().publish()
    assert client.get("/about/").status_code == 404
    assert client.get("/who-we-are/").context["page"].pk == about.pk
    about.unpublish()
    assert client.get("/who-we-are/").status_code == 404


def test_an_address_that_leads_nowhere_is_not_kept(client, about):
    from django.core.cache import cache

    before = set(cache._cache)
    assert client.get("/no-such-page/").status_code == 404
    assert client.get("/no-such-page/").status_code == 404
    added = {key for key in set(cache._cache) - before if ":read:child:" in key}
    assert not added  # nothing is stored for a missing child


def test_a_site_changed_is_found_afresh(client, about):
    client.get("/about/")
    site = Site.objects.get(is_default_site=True)
    site.site_name = "Renamed campaign"
    site.save()
    _response, sql = queries_of(client, "/about/")
    assert [q for q in sql if 'FROM "wagtailcore_site"' in q]
