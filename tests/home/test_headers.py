"""Security headers on every page type, public and admin, and the cookie flags production
sets (issue 14).

Every response carries a Content-Security-Policy (the strict public one without inline
script; the admin's own under /admin/), Permissions-Policy, Referrer-Policy,
Cross-Origin-Opener-Policy, nosniff and a framing rule. Under production's settings,
loaded from settings/production.py itself, HTTPS responses carry HSTS with subdomains,
and the admin sign-in sets Secure cookies (the session's HttpOnly too), all SameSite=Lax.
"""

import importlib
import sys

import pytest
from django.conf import settings
from django.test import override_settings
from django.utils.csp import build_policy
from wagtail.models import Page

from campaigns.actions.models import ActionIndexPage, ActionKind, ActionPage
from campaigns.blog.models import BlogIndexPage, BlogPostPage
from campaigns.cases.index import CaseIndexPage
from campaigns.cases.models import CasePage
from campaigns.contact.models import ContactPage
from campaigns.landing.models import CampaignPage
from home.models.pages import HomePage, StandardPage

from ..access.factories import UserFactory
from ..production import PRODUCTION_ENV

PAGE_TYPES = {
    "home": lambda: english(HomePage.objects).url,
    "standard page": lambda: english(StandardPage.objects).url,
    "campaign": lambda: english(CampaignPage.objects).url,
    "case index": lambda: english(CaseIndexPage.objects).url,
    "case": lambda: english(CasePage.objects).url,
    "blog index": lambda: english(BlogIndexPage.objects).url,
    "post": lambda: english(BlogPostPage.objects).url,
    "action index": lambda: english(ActionIndexPage.objects).url,
    "petition": lambda: english(ActionPage.objects.filter(kind=ActionKind.PETITION)).url,
    "letter": lambda: english(ActionPage.objects.filter(kind=ActionKind.LETTER)).url,
    "contact form": lambda: english(ContactPage.objects).url,
    "search": lambda: "/search/?query=prison",
    "404": lambda: "/no-such-page/",
    "cases feed": lambda: english(CaseIndexPage.objects).url + "feed/",
    "blog feed": lambda: english(BlogIndexPage.objects).url + "feed/",
    "sitemap": lambda: "/sitemap.xml",
    "healthz": lambda: "/healthz/",
}
ADMIN_PAGES = ["/admin/login/", "/admin/", "/admin/pages/"]
# The names production.py sets that decide HSTS and cookie flags.
PRODUCTION_NAMES = [
    "SECURE_PROXY_SSL_HEADER",
    "SECURE_SSL_REDIRECT",
    "SECURE_REDIRECT_EXEMPT",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "SESSION_COOKIE_SECURE",
    "CSRF_COOKIE_SECURE",
]


def english(pages):
    return pages.live().filter(locale__language_code="en").first()


@pytest.fixture
def demo(built_demo, db):
    return built_demo


@pytest.fixture(scope="module")
def production(tmp_path_factory):
    """settings/production.py's security settings, as it computes them from a production
    environment (loaded afresh, then dropped from sys.modules)."""
    environment = {
        **PRODUCTION_ENV,
        "ALLOWED_HOSTS": "testserver",
        "BASE_URL": "https://testserver",
        "DATABASE_URL": f"sqlite:///{tmp_path_factory.mktemp('prod')}/db.sqlite3",
    }
    del environment["DJANGO_SETTINGS_MODULE"]  # the module is imported by name below
    with pytest.MonkeyPatch.context() as patch:
        for name, value in environment.items():
            patch.setenv(name, value)
        for name in ("SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS", "DEBUG"):
            patch.delenv(name, raising=False)
        saved = {name: sys.modules.pop(name) for name in ("settings.base",) if name in sys.modules}
        try:
            module = importlib.import_module("settings.production")
            values = {name: getattr(module, name) for name in PRODUCTION_NAMES}
        finally:
            sys.modules.pop("settings.production", None)
            sys.modules.update(saved)
    return values


def assert_common_headers(response, csp):
    assert response["Content-Security-Policy"] == build_policy(csp)
    assert response["Permissions-Policy"] == settings.PERMISSIONS_POLICY
    assert "camera=()" in response["Permissions-Policy"]
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_public_page_types_send_every_security_header(demo, client, production, page_type):
    url = PAGE_TYPES[page_type]()
    with override_settings(**production):
        response = client.get(url, secure=True)
    assert response.status_code == (404 if page_type == "404" else 200), url
    assert_common_headers(response, settings.SECURE_CSP)
    policy = response["Content-Security-Policy"]
    assert "unsafe-inline" not in policy and "frame-ancestors 'none'" in policy
    assert response["X-Frame-Options"] == "DENY"
    assert response["Strict-Transport-Security"].startswith("max-age=")
    assert "includeSubDomains" in response["Strict-Transport-Security"]


@pytest.mark.parametrize("url", ADMIN_PAGES)
def test_admin_sends_every_security_header(demo, client, production, url):
    """Signed in as a superuser; two-factor enrolment may answer instead: its headers count."""
    if url != "/admin/login/":
        client.force_login(UserFactory(is_superuser=True, is_staff=True))
    with override_settings(**production):
        response = client.get(url, secure=True)
    assert response.status_code in (200, 302), url
    assert_common_headers(response, settings.ADMIN_CSP)
    assert "frame-ancestors 'self'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] in ("DENY", "SAMEORIGIN")
    assert "includeSubDomains" in response["Strict-Transport-Security"]


def test_production_cookies_are_secure_httponly_and_lax(demo, client, production):
    """The admin sign-in (a wrong password: the form comes back) sets the CSRF cookie, a
    good one the session cookie."""
    UserFactory(username="keeper", password="correct-horse-battery", is_superuser=True)
    with override_settings(**production):
        client.get("/admin/login/", secure=True)
        response = client.post(
            "/admin/login/",
            {"username": "keeper", "password": "correct-horse-battery"},
            secure=True,
        )
    cookies = response.cookies
    assert {settings.SESSION_COOKIE_NAME, settings.CSRF_COOKIE_NAME} <= set(cookies)
    for name in (settings.SESSION_COOKIE_NAME, settings.CSRF_COOKIE_NAME):
        assert cookies[name]["secure"] is True, name
        assert cookies[name]["samesite"] == "Lax", name
    assert cookies[settings.SESSION_COOKIE_NAME]["httponly"] is True


def test_every_page_type_of_the_demo_is_covered(demo):
    """A page type added to the site needs a row in PAGE_TYPES."""
    covered = {
        HomePage,
        StandardPage,
        CampaignPage,
        CaseIndexPage,
        CasePage,
        BlogIndexPage,
        BlogPostPage,
        ActionIndexPage,
        ActionPage,
        ContactPage,
    }
    used = {page.specific_class for page in Page.objects.filter(depth__gt=1)}
    assert used <= covered
