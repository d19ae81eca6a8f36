"""Structured data: every page type's JSON-LD parses and holds what schema.org asks for
(Person on cases, Article on posts, Event on upcoming hearings, BreadcrumbList wherever
breadcrumbs show), escaped so that no text can end the block, and built without queries."""

import datetime
import json
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

import home.structured_data
from campaigns.templatetags import campaign_json_ld
from home.structured_data import script

from ..blog.factories import AuthorFactory, BlogIndexPageFactory, BlogPostPageFactory
from ..cases.factories import CaseIndexPageFactory, CasePageFactory
from ..hearings.factories import HearingFactory, days_from_now

pytestmark = pytest.mark.django_db

JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)
SCHEMA = "https://schema.org"
# A name no browser may read as markup inside the block.
HOSTILE = "Ana </script><script>alert(1)</script> & <!-- Co"


def json_ld(response):
    """Every JSON-LD item of a page, by @type (a @graph's items one by one)."""
    assert response.status_code == 200
    html = response.content.decode()
    items = {}
    for block in JSON_LD.findall(html):
        document = json.loads(block)
        assert document["@context"] == SCHEMA
        for item in document.get("@graph", [document]):
            items.setdefault(item["@type"], []).append(item)
    return items


def assert_breadcrumbs(items, names):
    (trail,) = items["BreadcrumbList"]
    elements = trail["itemListElement"]
    assert [e["position"] for e in elements] == list(range(1, len(names) + 1))
    assert [e["name"] for e in elements] == names
    assert all(e["@type"] == "ListItem" and e["item"].startswith("http") for e in elements)


@pytest.fixture
def index(home_page):
    return CaseIndexPageFactory(parent=home_page)


@pytest.fixture
def case(index):
    case = CasePageFactory(parent=index, person_name=HOSTILE, slug="ana")
    HearingFactory(page=case, starts_on=days_from_now(5), kind="trial")
    HearingFactory(page=case, starts_on=days_from_now(6), status="moved", starts_time=None)
    HearingFactory(page=case, starts_on=days_from_now(7), status="cancelled", city="")
    HearingFactory(page=case, starts_on=datetime.date(2020, 1, 15), status="held")
    return case


@pytest.fixture
def post(home_page, case):
    post = BlogPostPageFactory(
        parent=BlogIndexPageFactory(parent=home_page),
        title="Free them </script>",
        slug="free-them",
    )
    post.authors.add(AuthorFactory(name="Dana Writer"))
    post.related_cases.add(case)
    post.save_revision().publish()
    return post


def test_the_block_escapes_what_could_end_it_and_parses_back():
    html = str(script({"@type": "Thing", "name": HOSTILE}))
    assert html.startswith('<script type="application/ld+json">')
    body = html.removeprefix('<script type="application/ld+json">').removesuffix("</script>")
    assert not {"<", ">", "&"} & set(body)
    assert json.loads(body) == {"@context": SCHEMA, "@type": "Thing", "name": HOSTILE}
    assert script() == ""


def test_a_case_page_describes_the_person_its_hearings_and_its_trail(client, case):
    response = client.get(case.url)
    assert "</script><script>alert(1)" not in response.content.decode()
    items = json_ld(response)
    (person,) = items["Person"]
    assert person["name"] == HOSTILE
    assert person["url"] == case.full_url
    assert person["description"] == case.summary
    # The upcoming hearings only (not the one of 2020), each with its status.
    events = items["Event"]
    assert [e["eventStatus"].removeprefix(SCHEMA + "/") for e in events] == [
        "EventScheduled",
        "EventRescheduled",
        "EventCancelled",
    ]
    for event in events:
        assert event["name"] and event["location"]["name"] == "Medeu district court"
        assert event["url"].startswith(case.full_url + "#hearing-")
        assert event["about"]["name"] == HOSTILE
    assert events[0]["startDate"] == f"{days_from_now(5).isoformat()}T10:00:00+05:00"
    assert events[1]["startDate"] == days_from_now(6).isoformat()  # time not known
    assert events[0]["location"]["address"] == {
        "@type": "PostalAddress",
        "addressLocality": "Almaty",
        "addressCountry": "KZ",
    }
    assert "addressLocality" not in events[2]["location"]["address"]  # no city given
    assert_breadcrumbs(items, ["Home", "Cases", HOSTILE])


def test_a_post_is_an_article_by_its_authors_about_its_cases(client, post, case):
    response = client.get(post.url)
    items = json_ld(response)
    site_name = re.search(r'og:site_name" content="([^"]+)"', response.content.decode())[1]
    (article,) = items["Article"]
    assert article["headline"] == "Free them </script>"
    assert article["datePublished"] == "2024-01-15"
    assert article["author"] == [{"@type": "Person", "name": "Dana Writer"}]
    assert article["publisher"] == {"@type": "Organization", "name": site_name}
    assert article["about"] == [{"@type": "Person", "name": HOSTILE, "url": case.full_url}]
    assert article["inLanguage"] == "en"
    assert_breadcrumbs(items, ["Home", "Blog", "Free them </script>"])


def test_the_hearings_page_lists_upcoming_hearings_as_events(client, case):
    items = json_ld(client.get("/hearings/"))
    assert len(items["Event"]) == 3
    assert {e["about"]["url"] for e in items["Event"]} == {case.full_url}
    assert_breadcrumbs(items, ["Home", "Court hearings"])


def test_a_page_without_breadcrumbs_or_hearings_has_no_such_data(client, home_page, index):
    bare = CasePageFactory(parent=index)
    items = json_ld(client.get(bare.url))
    assert set(items) == {"Person", "BreadcrumbList"}
    assert json_ld(client.get(home_page.url)) == {}


@pytest.fixture
def builders(monkeypatch):
    """Wrap every builder the templates call: how often each ran and the queries they made."""
    calls, queries = {}, []

    def counted(module, name):
        original = getattr(module, name)

        def wrapper(*args, **kwargs):
            calls[name] = calls.get(name, 0) + 1
            with CaptureQueriesContext(connection) as captured:
                result = original(*args, **kwargs)
            queries.extend(q["sql"] for q in captured.captured_queries)
            return result

        monkeypatch.setattr(module, name, wrapper)

    for name in ("person", "article", "event"):
        counted(campaign_json_ld, name)
    counted(home.structured_data, "page_breadcrumbs")
    return calls, queries


@pytest.mark.parametrize("url", ["case", "post", "hearings"])
def test_building_the_data_costs_no_query(client, post, case, builders, url):
    calls, queries = builders
    address = {"case": case.url, "post": post.url, "hearings": "/hearings/"}[url]
    assert client.get(address).status_code == 200
    assert calls  # the builders ran, and made no query of their own
    assert queries == []
