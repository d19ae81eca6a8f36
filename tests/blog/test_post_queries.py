"""A post's queries on the first request after a publish (issue 17): every fragment of the
page is drawn afresh then, and the count is the same whatever the number of related cases,
case cards, tags and posts beside it, in every language."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from home.fragments import bump_generation

from ..actions.factories import ActionIndexPageFactory, ActionPageFactory
from ..cases.factories import (
    CaseCardsBlockFactory,
    CaseIndexPageFactory,
    CasePageFactory,
    RecognitionFactory,
)
from ..home.factories import ImageFactory, translate
from .factories import AuthorFactory, BlogIndexPageFactory, BlogPostPageFactory

# Issue 17's budget holds for the first request after a publish as for the others.
POST_BUDGET_AFTER_PUBLISH = 15
LANGUAGES = ("ru", "kk")


def build_blog(home_page, case_index, action_index, slug, size):
    """A blog at /`slug`/ with a post about `size` cases (each with a photo and a
    recognition) shown as case cards in its body, with `size` tags, an author, an action
    about one of its cases, and `size` posts beside it sharing some of its tags and cases.
    Returns the pages made, parents first."""
    photo = ImageFactory()
    cases = []
    for n in range(size):
        case = CasePageFactory(parent=case_index, person_name=f"{slug} {n:02d}", photo=photo)
        RecognitionFactory(page=case)
        cases.append(case)
    action = ActionPageFactory(parent=action_index, slug=f"{slug}-action")
    action.related_cases.set(cases[:1])
    action.save_revision().publish()
    blog = BlogIndexPageFactory(parent=home_page, title=slug, slug=slug)
    tags = [f"{slug}-topic-{n}" for n in range(size)]
    post = BlogPostPageFactory(
        parent=blog,
        title="The post",
        slug="the-post",
        hero_image=photo,
        body=[
            ("paragraph", "<p>Who they are.</p>"),
            ("case_cards", CaseCardsBlockFactory(cases=cases)),
        ],
    )
    post.tags.add(*tags)
    post.related_cases.set(cases)
    post.authors.add(AuthorFactory(name=f"{slug} author", bio="Follows the courts.", photo=photo))
    post.save_revision().publish()
    beside = []
    for n in range(size):
        other = BlogPostPageFactory(parent=blog, title=f"{slug} beside {n:02d}")
        other.tags.add(*tags[: n % 3 + 1])
        other.related_cases.set(cases[n % 2 :][:1])
        other.save_revision().publish()
        beside.append(other)
    return [*cases, action, blog, post, *beside]


def after_publish(client, url):
    """The queries of a request for `url` (seen before) once a publish elsewhere has put
    every fragment out of date."""
    assert client.get(url).status_code == 200
    bump_generation()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.fixture
def blogs(home_page):
    """Two blogs alike but for their size: 3 and 12 of everything."""
    case_index = CaseIndexPageFactory(parent=home_page)
    action_index = ActionIndexPageFactory(parent=home_page)
    return [
        build_blog(home_page, case_index, action_index, slug, size)
        for slug, size in (("few", 3), ("many", 12))
    ]


def test_a_post_after_a_publish_costs_the_same_with_3_or_12_of_everything(client, blogs):
    few, many = after_publish(client, "/few/the-post/"), after_publish(client, "/many/the-post/")
    assert few == many <= POST_BUDGET_AFTER_PUBLISH


def test_a_post_after_a_publish_costs_the_same_in_every_language(client, home_page, blogs):
    english = after_publish(client, "/few/the-post/")
    for pages in blogs:
        for code in LANGUAGES:
            for page in pages:
                translate(page, code)
    urls = [
        f"{prefix}/{slug}/the-post/"
        for prefix in ("", *(f"/{code}" for code in LANGUAGES))
        for slug in ("few", "many")
    ]
    counts = {url: after_publish(client, url) for url in urls}
    assert set(counts.values()) == {english}, counts
    assert english <= POST_BUDGET_AFTER_PUBLISH
