import sqlite3

import pytest
from django.conf import settings
from wagtail.models import Page, Site

from home.models import HomePage, NavigationSettings, SiteSettings

from .factories import HomePageFactory, StandardPageFactory


def pytest_sessionstart(session):
    """Start afresh if the reused SQLite test database lost Wagtail's root page.

    A transactional test ends with a flush; should one ever run, the next run
    would otherwise start without the rows Wagtail's migrations create.
    """
    test_db = settings.DATABASES["default"].get("TEST", {}).get("NAME")
    if not test_db or settings.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3":
        return
    try:
        with sqlite3.connect(test_db) as database:
            (roots,) = database.execute(
                "SELECT count(*) FROM wagtailcore_page WHERE depth = 1"
            ).fetchone()
    except sqlite3.Error:
        return  # no database yet, or an old schema: pytest-django builds it
    if not roots:
        session.config.option.create_db = True


@pytest.fixture
def root_page(db):
    return Page.get_first_root_node()


@pytest.fixture
def home_page(root_page):
    """A published home page as the root of the default site, as on a real install."""
    # Wagtail's migration leaves a placeholder page at /home/; a real site replaces it.
    Site.objects.all().delete()
    root_page.get_children().delete()
    home = HomePageFactory(parent=root_page)
    Site.objects.create(
        hostname="localhost", port=80, root_page=home, is_default_site=True, site_name="Test site"
    )
    site = Site.objects.get()
    SiteSettings.objects.create(
        site=site, organisation_name="Test Campaign", contact_email="team@example.org"
    )
    NavigationSettings.objects.create(site=site)
    return HomePage.objects.get(pk=home.pk)


@pytest.fixture
def standard_page(home_page):
    return StandardPageFactory(parent=home_page, title="About us", slug="about")
