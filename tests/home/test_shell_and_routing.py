"""Routing in one query per level (home.models.base.BasePage.route), breadcrumbs from the
routed parents (home.templatetags.fragments.trail), the site's shell read from the cache
under a token of its own (home.models.site_settings, home.fragments), search summaries in
one query (home.search.summarised) and a case's related actions (campaigns.actions.queries):
what readers see stays right while the queries go down."""

import datetime
import re
import warnings

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page

from campaigns.blog.models import BlogPostPage
from campaigns.cases.models import CasePage
from home.fragments import bump_generation
from home.models import SiteSettings, SiteTexts, StandardPage
from home.routing import route_for_request
from home.templatetags.fragments import trail

from ..actions.factories import ActionIndexPageFactory, ActionPageFactory
from ..blog.factories import BlogIndexPageFactory, BlogPostPageFactory
from ..cases.factories import CasePageFactory
from ..landing.factories import CampaignPageFactory
from .factories import ImageFactory, StandardPageFactory, translate


@pytest.fixture
def case(cases):
    return CasePageFactory(
        parent=cases, person_name="Aigerim Tleuzhan", slug="aigerim", summary="Held in Almaty."
    )


@pytest.fixture
def post(home_page):
    blog = BlogIndexPageFactory(parent=home_page)
    return BlogPostPageFactory(
        parent=blog, title="Hearing report", slug="hearing-report", hero_image=ImageFactory()
    )


def routed(path):
    """(the routed page, the queries of the routing) for `path`, on a fresh request."""
    request = RequestFactory().get(path)
    with CaptureQueriesContext(connection) as captured:
        result = route_for_request(request, path)
    return (result[0] if result else None), captured


def warm_routing():
    """Locale ids and the like, read once per process: not what the tests count."""
    routed("/")


def queries_on(table, captured):
    return [query["sql"] for query in captured if f'"{table}"' in query["sql"]]


# --- routing -----------------------------------------------------------------------------------


def test_a_case_and_a_post_are_served_as_their_type_with_their_content(client, case, post):
    response = client.get("/cases/aigerim/")
    assert response.status_code == 200
    assert type(response.context["page"]) is CasePage
    assert response.context["page"].pk == case.pk
    assert "Aigerim Tleuzhan" in response.text

    response = client.get("/blog/hearing-report/")
    assert response.status_code == 200
    assert type(response.context["page"]) is BlogPostPage
    assert response.context["page"].pk == post.pk
    assert "Hearing report" in response.text


def test_a_page_two_levels_down_costs_at_most_one_query_more_than_one_level_down(case):
    warm_routing()
    index, one_level = routed("/cases/")
    found, two_levels = routed("/cases/aigerim/")
    assert (type(index).__name__, type(found), found.pk) == ("CaseIndexPage", CasePage, case.pk)
    assert len(two_levels) <= len(one_level) + 1, [q["sql"] for q in two_levels]


def test_a_routed_post_comes_with_its_hero_image(post):
    warm_routing()
    found, _captured = routed("/blog/hearing-report/")
    assert type(found) is BlogPostPage
    with CaptureQueriesContext(connection) as captured:
        image = found.hero_image
    assert image.pk == post.hero_image_id
    assert len(captured) == 0


def test_a_child_of_a_type_its_parent_does_not_allow_is_still_served_as_its_type(client, cases):
    assert StandardPage not in cases.specific_class.allowed_subpage_models()
    odd = cases.add_child(
        instance=StandardPage(title="Odd one", slug="odd", intro="Made by code, not the admin.")
    )
    response = client.get("/cases/odd/")
    assert response.status_code == 200
    assert type(response.context["page"]) is StandardPage
    assert response.context["page"].pk == odd.pk
    assert "Made by code, not the admin." in response.text


def test_an_unknown_slug_is_not_found(client, case):
    assert client.get("/cases/nobody/").status_code == 404
    assert client.get("/cases/aigerim/nothing-below/").status_code == 404


def test_routing_below_a_page_that_allows_no_children_joins_nothing(case):
    """A case allows no child page types: asking for one below it reads the children
    without `select_related()` and no arguments (every foreign key joined; deprecated)."""
    warm_routing()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        found, captured = routed("/cases/aigerim/nothing-below/")
    assert found is None
    below = [query["sql"] for query in captured if "nothing-below" in query["sql"]]
    assert len(below) == 1
    assert "JOIN" not in below[0]


def test_an_unpublished_child_is_not_found(client, case):
    case.unpublish()
    assert client.get("/cases/aigerim/").status_code == 404
    assert route_for_request(RequestFactory().get("/cases/aigerim/"), "/cases/aigerim/") is None


# --- breadcrumbs -------------------------------------------------------------------------------


def breadcrumb(html):
    found = re.search(r'<nav class="breadcrumbs[^"]*"[^>]*>(.*?)</nav>', html, re.S)
    assert found, "no breadcrumb"
    return re.findall(r'<a href="([^"]*)"[^>]*>([^<]*)</a>', found.group(1))


def test_a_case_breadcrumb_leads_home_through_the_index(client, case):
    html = client.get("/cases/aigerim/").text
    assert breadcrumb(html) == [
        ("/", "Home"),
        ("/cases/", "Cases"),
        ("/cases/aigerim/", "Aigerim Tleuzhan"),
    ]


def test_a_case_breadcrumb_in_russian_shows_the_russian_pages(client, home_page, cases, case):
    translate(home_page, "ru", {"Home": "Главная"})
    translate(cases, "ru", {"Cases": "Дела"})
    russian = translate(case, "ru", {"Aigerim Tleuzhan": "Айгерим Тлеужан"})
    russian_url = russian.get_url()
    assert russian_url.startswith("/ru/")
    html = client.get(russian_url).text
    assert breadcrumb(html) == [
        ("/ru/", "Главная"),
        ("/ru/cases/", "Дела"),
        (russian_url, "Айгерим Тлеужан"),
    ]


def test_the_trail_of_a_routed_page_costs_no_query(case):
    warm_routing()
    found, _captured = routed("/cases/aigerim/")
    with CaptureQueriesContext(connection) as captured:
        titles = [page.title for page in trail(found)]
    assert titles == ["Home", "Cases"]
    assert len(captured) == 0


def test_the_trail_of_a_page_read_from_the_database_reads_its_ancestors(home_page, cases, case):
    fresh = Page.objects.get(pk=case.pk).specific
    with CaptureQueriesContext(connection) as captured:
        ancestors = trail(fresh)
    assert [page.pk for page in ancestors] == [home_page.pk, cases.pk]
    assert len(captured) >= 1
    assert trail(Page.objects.get(pk=home_page.pk)) == []


# --- the shell: settings, texts, menus ---------------------------------------------------------


def test_edited_site_settings_show_on_the_next_request(client, home_page):
    first = client.get("/").text
    assert "Test Campaign" in first
    assert "team@example.org" in first
    settings = SiteSettings.objects.get()
    settings.organisation_name = "Free Speech Watch"
    settings.contact_email = "press@example.org"
    settings.save()
    html = client.get("/").text
    assert "Free Speech Watch" in html
    assert "press@example.org" in html
    assert "team@example.org" not in html


def test_edited_site_texts_show_on_the_next_request(client, home_page):
    client.get("/")
    texts = SiteTexts.objects.get()
    texts.site_name = "Prisoners Watch"
    texts.footer_text = "<p>Run by volunteers since 2019.</p>"
    texts.save()
    html = client.get("/").text
    assert "Prisoners Watch" in html
    assert "Run by volunteers since 2019." in html


def menu(html):
    found = re.search(r'<nav class="site-nav"[^>]*>(.*?)</nav>', html, re.S)
    assert found, "no main menu"
    return re.findall(r'<a href="([^"]*)"[^>]*>([^<]*)</a>', found.group(1))


@pytest.fixture
def menu_pages(home_page):
    about = StandardPageFactory(parent=home_page, title="About us", slug="about")
    press = StandardPageFactory(parent=home_page, title="Press", slug="press")
    texts = SiteTexts.objects.get()
    texts.primary_links = [
        ("link", {"label": "", "page": about, "url": ""}),
        ("link", {"label": "", "page": press, "url": ""}),
    ]
    texts.save()
    return about, press


def test_a_menu_link_shows_its_pages_new_title_once_republished(client, menu_pages):
    about, _press = menu_pages
    assert menu(client.get("/").text) == [("/about/", "About us"), ("/press/", "Press")]
    about.title = "Who we are"
    about.save_revision().publish()
    assert menu(client.get("/").text) == [("/about/", "Who we are"), ("/press/", "Press")]


def test_in_russian_a_menu_link_leads_to_the_translation_where_there_is_one(client, menu_pages):
    about, press = menu_pages
    russian = translate(about, "ru", {"About us": "О нас"})
    client.get("/ru/")  # the menus in Russian, built before the translation's title changes
    links = menu(client.get("/ru/").text)
    assert links == [(russian.get_url(), "О нас"), (press.get_url(), "Press")]
    assert links[0][0].startswith("/ru/")
    assert not links[1][0].startswith("/ru/")


@pytest.mark.parametrize("published", [False, True], ids=["warm", "after-a-publish"])
def test_a_second_request_reads_neither_the_texts_nor_the_settings(client, menu_pages, published):
    client.get("/about/")
    if published:
        bump_generation()
    with CaptureQueriesContext(connection) as captured:
        response = client.get("/about/")
    assert response.status_code == 200
    assert "Test Campaign" in response.text
    assert queries_on("home_sitetexts", captured) == []
    assert queries_on("home_sitesettings", captured) == []


def test_saving_an_image_refreshes_the_shell(client, home_page):
    client.get("/")
    with CaptureQueriesContext(connection) as warm:
        client.get("/")
    assert queries_on("home_sitesettings", warm) == []
    image = ImageFactory()
    image.title = "Renamed"
    image.save()
    with CaptureQueriesContext(connection) as after:
        client.get("/")
    assert queries_on("home_sitesettings", after) != []


# --- search ------------------------------------------------------------------------------------


def result_summaries(html):
    return dict(
        re.findall(
            r'<li class="result">\s*<a href="[^"]*">([^<]*)</a>\s*(?:<p>([^<]*)</p>)?', html
        )
    )


def test_search_results_show_the_listing_summary_else_the_description_else_a_summary(
    client, home_page, cases
):
    StandardPageFactory(
        parent=home_page,
        title="Zhanaozen listing",
        slug="listing",
        listing_summary="The listing summary.",
        search_description="Not this description.",
    )
    StandardPageFactory(
        parent=home_page,
        title="Zhanaozen described",
        slug="described",
        search_description="The search description.",
    )
    CasePageFactory(
        parent=cases,
        person_name="Zhanaozen Worker",
        slug="worker",
        summary="The case summary.",
    )
    CasePageFactory(
        parent=cases,
        person_name="Zhanaozen Organiser",
        slug="organiser",
        summary="Not this case summary.",
        search_description="The case description.",
    )
    response = client.get("/search/", {"q": "zhanaozen"})
    assert response.status_code == 200
    assert result_summaries(response.text) == {
        "Zhanaozen listing": "The listing summary.",
        "Zhanaozen described": "The search description.",
        "Zhanaozen Worker": "The case summary.",
        "Zhanaozen Organiser": "The case description.",
    }


def test_search_costs_the_same_whatever_the_number_of_page_types_found(client, home_page, cases):
    for n in range(5):
        StandardPageFactory(parent=home_page, title=f"Alpha report {n}", slug=f"alpha-{n}")
    StandardPageFactory(parent=home_page, title="Beta report", slug="beta")
    CasePageFactory(parent=cases, person_name="Beta Person", slug="beta-person")
    BlogPostPageFactory(
        parent=BlogIndexPageFactory(parent=home_page), title="Beta news", slug="beta-news"
    )
    CampaignPageFactory(parent=home_page, title="Beta campaign", slug="beta-campaign")
    ActionPageFactory(
        parent=ActionIndexPageFactory(parent=home_page),
        title="Beta petition",
        slug="beta-petition",
    )

    def count(word):
        client.get("/search/", {"q": word})
        with CaptureQueriesContext(connection) as captured:
            response = client.get("/search/", {"q": word})
        assert response.status_code == 200
        return len(captured), len(response.context["search_results"])

    one_type, found = count("alpha")
    assert found == 5
    many_types, found = count("beta")
    assert found == 5
    assert many_types == one_type


# --- related actions ---------------------------------------------------------------------------


def actions_section(html):
    found = re.search(
        r'<section class="action-section" aria-labelledby="case-actions-heading">.*?</section>',
        html,
        re.S,
    )
    return found.group(0) if found else ""


def test_a_cases_related_actions_are_the_same_after_a_publish_and_the_next_time(
    client, home_page, case
):
    index = ActionIndexPageFactory(parent=home_page)
    closed = ActionPageFactory(
        parent=index,
        title="Closed petition",
        slug="closed",
        deadline=datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC),
    )
    for action in [closed] + [
        ActionPageFactory(parent=index, title=f"Open petition {n}", slug=f"open-{n}")
        for n in range(7)
    ]:
        action.related_cases.set([case])
        action.save_revision().publish()
    url = case.get_url()
    client.get(url)
    bump_generation()
    after_publish = actions_section(client.get(url).text)
    next_time = actions_section(client.get(url).text)
    assert after_publish
    assert after_publish == next_time
    # The open ones first, at most six, newest first: the closed one is left out.
    titles = re.findall(r"(Open petition \d|Closed petition)", after_publish)
    assert list(dict.fromkeys(titles)) == [f"Open petition {n}" for n in range(6, 0, -1)]
