"""Site search: finds pages by their StreamField text, paginates in the database, never 500s."""

import pytest
from wagtail.contrib.search_promotions.models import Query, SearchPromotion

from .factories import StandardPageFactory


@pytest.fixture
def pages(home_page):
    pages = [
        StandardPageFactory(
            parent=home_page,
            title=f"Report {n}",
            slug=f"report-{n}",
            body=[("paragraph", f"<p>Hearing number {n} about zhanaozen events.</p>")],
        )
        for n in range(25)
    ]
    StandardPageFactory(
        parent=home_page,
        title="Unrelated",
        slug="unrelated",
        body=[("paragraph", "<p>Nothing to see.</p>")],
    )
    return pages


def test_finds_a_word_that_only_appears_in_a_streamfield_paragraph(client, pages):
    response = client.get("/search/", {"q": "zhanaozen"})
    assert response.status_code == 200
    assert response.context["paginator"].count == 25
    assert "Unrelated" not in response.content.decode()


def test_results_are_paginated(client, pages):
    first = client.get("/search/", {"q": "zhanaozen"})
    third = client.get("/search/", {"q": "zhanaozen", "page": 3})
    assert len(first.context["search_results"]) == 10
    assert len(third.context["search_results"]) == 5
    assert 'rel="next"' in first.content.decode()
    assert "q=zhanaozen&amp;page=2" in first.content.decode()


@pytest.mark.parametrize("page", ["-1", "abc", "999999", "1e9", ""])
def test_hostile_page_numbers_fall_back_to_a_real_page(client, pages, page):
    response = client.get("/search/", {"q": "zhanaozen", "page": page})
    assert response.status_code == 200
    assert len(response.context["search_results"]) > 0


@pytest.mark.parametrize(
    "query",
    [
        "",
        "   ",
        "x" * 5000,
        "' OR 1=1; DROP TABLE wagtailcore_page; --",
        "<script>alert(1)</script>",
        "AND OR NOT",
        '"unbalanced',
        "(((",
        "*",
        "Ablyazov%",
    ],
)
def test_hostile_queries_answer_safely(client, pages, query):
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<script>alert(1)</script>" not in html


@pytest.mark.parametrize("query", ["\x00", "a\x00b", "\x1b[31m", "\x7f"])
def test_control_characters_in_a_query_are_refused_with_a_message(client, pages, query):
    response = client.get("/search/", {"q": query})
    assert response.status_code == 400
    assert "characters that no page uses" in response.content.decode()


def test_long_queries_are_cut_with_a_message(client, pages):
    response = client.get("/search/", {"q": "zhanaozen " + "x" * 5000})
    assert "only its first 200 characters" in response.content.decode()


def test_search_results_stay_out_of_shared_caches(client, pages):
    response = client.get("/search/", {"q": "zhanaozen"})
    assert "private" in response["Cache-Control"]


def test_unpublished_pages_are_not_found(client, pages):
    pages[0].unpublish()
    response = client.get("/search/", {"q": "zhanaozen"})
    assert response.context["paginator"].count == 24


def test_search_promotions_are_shown_first(client, pages):
    query = Query.get("prisoners")
    SearchPromotion.objects.create(
        query=query, page=pages[3], sort_order=0, description="Start here"
    )
    html = client.get("/search/", {"q": "prisoners"}).content.decode()
    assert "Recommended" in html and "Start here" in html and "Report 3" in html


def test_search_query_count_does_not_grow_with_results(
    client, pages, django_assert_max_num_queries
):
    client.get("/search/", {"q": "zhanaozen"})
    with django_assert_max_num_queries(14):
        client.get("/search/", {"q": "zhanaozen"})


def test_quoted_phrases_still_work(client, pages):
    response = client.get("/search/", {"q": '"hearing number 7"'})
    assert response.status_code == 200
    titles = [page.title for page in response.context["search_results"]]
    assert "Report 7" in titles


def test_searches_are_not_recorded(client, pages):
    from wagtail.contrib.search_promotions.models import Query

    client.get("/search/", {"q": "something private"})
    assert not Query.objects.exists()
