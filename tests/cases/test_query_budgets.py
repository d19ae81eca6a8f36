"""Queries per page with one language and with three (issue 17): the English pages cost the
same once Russian and Kazakh translations exist, and every language stays in the budget."""

import datetime

from campaigns.models import CaseUpdate

from ..blog.factories import AuthorFactory, BlogIndexPageFactory, BlogPostPageFactory
from ..home.factories import ImageFactory, translate
from .factories import (
    CASE_QUERY_BUDGET,
    INDEX_QUERY_BUDGET,
    CaseChargeFactory,
    CaseIndexPageFactory,
    CasePageFactory,
    OrganisationFactory,
    RecognitionFactory,
    count_queries,
)

# The blog's budgets (tests/blog/test_blog.py) are the same as the cases'.
BUDGETS = {
    "/cases/": INDEX_QUERY_BUDGET,
    "/cases/?status=imprisoned": INDEX_QUERY_BUDGET,
    "/cases/?recognised_by=amnesty-international&sort=name": INDEX_QUERY_BUDGET,
    "/cases/?chart=recognition": INDEX_QUERY_BUDGET,
    "/cases/?q=aigerim": INDEX_QUERY_BUDGET,
    "/cases/aigerim-a/": CASE_QUERY_BUDGET,
    "/blog/": 15,
    "/blog/tag/courts/": 15,
    "/blog/court-watch/": 15,
}


def build_site(home_page):
    """A case index with two cases (a photo, a charge, an update, a recognition) and a
    blog with a post about one of them, with an author and a tag."""
    photo = ImageFactory()
    index = CaseIndexPageFactory(parent=home_page)
    case = CasePageFactory(parent=index, person_name="Aigerim A", slug="aigerim-a", photo=photo)
    CaseChargeFactory(page=case)
    RecognitionFactory(page=case, organisation=OrganisationFactory(slug="amnesty-international"))
    case.updates.add(CaseUpdate(date=datetime.date(2021, 3, 1), title="Hearing opened"))
    case.save_revision().publish()
    other = CasePageFactory(parent=index, person_name="Bolat B", slug="bolat-b")
    blog = BlogIndexPageFactory(parent=home_page)
    post = BlogPostPageFactory(
        parent=blog, title="Court watch", slug="court-watch", hero_image=photo
    )
    post.tags.add("courts")
    post.related_cases.set([case])
    post.authors.add(AuthorFactory(name="Dana D", photo=photo))
    post.save_revision().publish()
    return [home_page, index, case, other, blog, post]


def test_english_pages_cost_the_same_with_translations_and_every_language_fits(client, home_page):
    pages = build_site(home_page)
    english = {url: count_queries(client, url) for url in BUDGETS}
    for code in ("ru", "kk"):
        for page in pages:
            translate(page, code)
    assert {url: count_queries(client, url) for url in BUDGETS} == english
    for url, budget in BUDGETS.items():
        assert english[url] <= budget, url
        for prefix in ("/ru", "/kk"):
            assert count_queries(client, prefix + url) <= budget, prefix + url


def test_every_page_fits_on_the_first_request_after_a_publish(client, home_page):
    """Issue 17: the budget holds when the page's fragments are drawn afresh too, in
    every language."""
    pages = build_site(home_page)
    for code in ("ru", "kk"):
        for page in pages:
            translate(page, code)
    counts = {
        prefix + url: (count_queries(client, prefix + url, published=True), budget)
        for url, budget in BUDGETS.items()
        for prefix in ("", "/ru", "/kk")
    }
    over = {url: count for url, (count, budget) in counts.items() if count > budget}
    assert over == {}, counts
