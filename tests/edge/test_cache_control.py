"""Cache-Control of every public page type, for an anonymous visitor and for a signed-in
editor: what the edge cache (and any CDN or browser) is allowed to keep, and for how long.

The rules (home/cache.py): pages, feeds, exports and open-data files are public for
PAGE_CACHE_SECONDS (a minute in browsers); a visitor's own search words, and anything
served to someone signed in, are private; a page holding a form with a CSRF token (contact,
newsletter, follow links) or a link's secret token is never stored; the public forms on
cached pages (sign, write, follow, comment) post without a token (see
campaigns/actions/signing.py); a 404 is kept for a minute. Counts are part of the pages
(purged when they change: test_counts.py).
"""

import pytest
from django.conf import settings
from django.db import transaction
from django.test import Client

from campaigns.actions.models import ActionKind
from home.cache import NOT_FOUND_SECONDS
from home.i18n import forget_locales

from ..access.factories import UserFactory
from ..actions.factories import ActionIndexPageFactory, ActionPageFactory, add_signatures
from ..blog.factories import BlogIndexPageFactory, BlogPostPageFactory
from ..cases.factories import CaseIndexPageFactory, CasePageFactory
from ..contact.factories import ContactPageFactory
from ..home.factories import StandardPageFactory, make_site, translate
from ..landing.factories import CampaignPageFactory

pytestmark = pytest.mark.django_db


def public(seconds):
    return f"public, max-age={min(60, seconds)}, s-maxage={seconds}"


PAGE = public(settings.PAGE_CACHE_SECONDS)
NOT_FOUND = public(min(NOT_FOUND_SECONDS, settings.PAGE_CACHE_SECONDS))
PRIVATE = "private, no-cache"
NEVER = "max-age=0, no-cache, no-store, must-revalidate, private"
SEARCH = "private, max-age=0"
ROBOTS = "public, max-age=3600"

# (address, status, anonymous visitor's Cache-Control, signed-in editor's)
PAGES = [
    ("/", 200, PAGE, PRIVATE),
    ("/ru/", 200, PAGE, PRIVATE),
    ("/about/", 200, PAGE, PRIVATE),
    ("/kazakhstan/", 200, PAGE, PRIVATE),
    ("/cases/", 200, PAGE, PRIVATE),
    ("/cases/?status=imprisoned&campaign=kazakhstan", 200, PAGE, PRIVATE),
    ("/cases/aigerim-a/", 200, PAGE, PRIVATE),
    ("/ru/cases/", 200, PAGE, PRIVATE),
    ("/blog/", 200, PAGE, PRIVATE),
    ("/blog/?q=prison", 200, PRIVATE, PRIVATE),
    ("/blog/about-aigerim/", 200, PAGE, PRIVATE),
    ("/act/", 200, PAGE, PRIVATE),
    ("/act/free-them/", 200, PAGE, PRIVATE),
    ("/act/free-them/thanks/", 200, PAGE, PRIVATE),
    ("/act/write-to-them/", 200, PAGE, PRIVATE),
    ("/act/write-to-them/thanks/", 200, PAGE, PRIVATE),
    ("/search/", 200, SEARCH, SEARCH),
    ("/search/?q=prison", 200, SEARCH, SEARCH),
    ("/hearings/", 200, PAGE, PRIVATE),
    ("/corrections/", 200, PAGE, PRIVATE),
    ("/open-data/", 200, PAGE, PRIVATE),
    ("/nowhere/", 404, NOT_FOUND, PRIVATE),
    ("/ru/nowhere/", 404, NOT_FOUND, PRIVATE),
    # Feeds, calendars, exports, open data: the same for everyone, kept like pages.
    ("/blog/feed/", 200, PAGE, PRIVATE),
    ("/cases/feed/", 200, PAGE, PRIVATE),
    ("/cases/aigerim-a/feed/", 200, PAGE, PRIVATE),
    ("/cases/aigerim-a/hearings.ics", 200, PAGE, PRIVATE),
    ("/hearings.ics", 200, PAGE, PRIVATE),
    ("/corrections/feed/", 200, PAGE, PRIVATE),
    ("/cases/export.csv", 200, PAGE, PRIVATE),
    ("/cases/export.json", 200, PAGE, PRIVATE),
    ("/cases/export.csv.sig", 200, PAGE, PRIVATE),
    ("/open-data/files/cases.en.csv", 200, PAGE, PRIVATE),
    ("/open-data/files/hearings.ru.json", 200, PAGE, PRIVATE),
    ("/open-data/key.pem", 200, PAGE, PRIVATE),
    ("/sitemap.xml", 200, PAGE, PRIVATE),
    # The same bytes for everyone, signed in or not.
    ("/robots.txt", 200, ROBOTS, ROBOTS),
    # A form with a CSRF token, or a link's secret token: never stored anywhere.
    ("/contact/", 200, NEVER, NEVER),
    ("/newsletter/", 200, NEVER, NEVER),
    ("/follow/manage/", 200, NEVER, NEVER),
    ("/follow/unsubscribe/", 200, NEVER, NEVER),
    ("/sign/confirm/not-a-token/", 400, NEVER, NEVER),
    ("/follow/confirm/not-a-token/", 400, NEVER, NEVER),
    ("/newsletter/confirm/not-a-token/", 400, NEVER, NEVER),
    ("/healthz/", 200, NEVER, NEVER),
]


@pytest.fixture(scope="module")
def tree(django_db_setup, django_db_blocker):
    """One page of every type, made once for the module and rolled back after it; gives
    the editor who is signed in for the editor's view."""
    with django_db_blocker.unblock(), transaction.atomic():
        _root, home = make_site(site_name="Test site", contact_email="team@example.org")
        campaign = CampaignPageFactory(parent=home, title="Kazakhstan", slug="kazakhstan")
        cases = CaseIndexPageFactory(parent=home)
        case = CasePageFactory(
            parent=cases, title="Aigerim A", slug="aigerim-a", related_campaign=campaign
        )
        blog = BlogIndexPageFactory(parent=home)
        post = BlogPostPageFactory(parent=blog, title="About Aigerim", slug="about-aigerim")
        post.related_cases.set([case])
        act = ActionIndexPageFactory(parent=home, slug="act")
        add_signatures(ActionPageFactory(parent=act, slug="free-them"), 2)
        ActionPageFactory(
            parent=act, slug="write-to-them", kind=ActionKind.LETTER, letter_template="Dear sir"
        )
        StandardPageFactory(parent=home, title="About us", slug="about")
        ContactPageFactory(parent=home)
        for page in (home, cases):
            translate(page, "ru")
        editor = UserFactory(username="editor", is_superuser=True, is_staff=True)
        yield editor
        transaction.set_rollback(True)
    forget_locales()


@pytest.fixture(scope="module")
def editor_client(tree):
    client = Client()
    client.force_login(tree)
    return client


@pytest.mark.parametrize(("address", "status", "anonymous", "_editor"), PAGES)
def test_an_anonymous_visitor(tree, address, status, anonymous, _editor):
    response = Client().get(address)
    assert response.status_code == status
    assert response["Cache-Control"] == anonymous
    body = b"".join(response) if response.streaming else response.content
    if anonymous.startswith("public"):
        # What a shared cache keeps holds nothing of this visitor's.
        assert not response.cookies, response.cookies
        assert b"csrfmiddlewaretoken" not in body
        # Files do not vary on Cookie, so any CDN keeps one copy of them.
        if not response["Content-Type"].startswith("text/html"):
            assert "Cookie" not in response.get("Vary", "")


@pytest.mark.parametrize(("address", "status", "_anonymous", "editor"), PAGES)
def test_a_signed_in_editor(tree, editor_client, address, status, _anonymous, editor):
    response = editor_client.get(address)
    assert response.status_code == status
    assert response["Cache-Control"] == editor


def test_forms_with_a_csrf_token_are_never_stored(tree):
    """The contact form holds a token (and sets its cookie): a shared copy would hand one
    visitor's token to everyone. The petition page holds the sign form without one."""
    client = Client()
    contact = client.get("/contact/")
    assert b"csrfmiddlewaretoken" in contact.content and "csrftoken" in contact.cookies
    assert contact["Cache-Control"] == NEVER
    petition = client.get("/act/free-them/")
    assert b'action="/sign/' in petition.content
    assert b"csrfmiddlewaretoken" not in petition.content
