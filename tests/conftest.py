import sqlite3

import pytest
from django.conf import settings
from wagtail.models import Page, Site
from xdist.scheduler import LoadFileScheduling

from home.models import HomePage, NavigationSettings, SiteSettings

from .factories import HomePageFactory, StandardPageFactory

# Fixtures that reach the test database, whichever way a test asks for it.
DATABASE_FIXTURES = {"db", "transactional_db", "django_db_setup"}
BROWSER_TESTS = "tests/browser/"  # as node ids start: relative to the checkout


def pytest_sessionstart(session):
    """Start afresh if the reused SQLite test database lost Wagtail's root page.

    A transactional test ends with a flush; should one ever run, the next run
    would otherwise start without the rows Wagtail's migrations create.
    Under pytest-xdist each worker has a database file of its own (pytest-django
    suffixes the name with the worker's id) and checks it here; the controller,
    which runs no test, has none.
    """
    config = session.config
    if config.pluginmanager.has_plugin("dsession"):
        return
    test_db = settings.DATABASES["default"].get("TEST", {}).get("NAME")
    if not test_db or settings.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3":
        return
    worker = getattr(config, "workerinput", {}).get("workerid")
    if worker:
        test_db = f"{test_db}_{worker}"
    try:
        with sqlite3.connect(test_db) as database:
            (roots,) = database.execute(
                "SELECT count(*) FROM wagtailcore_page WHERE depth = 1"
            ).fetchone()
    except sqlite3.Error:
        return  # no database yet, or an old schema: pytest-django builds it
    if not roots:
        config.option.create_db = True


def pytest_collection_modifyitems(items):
    """Mark the tests that use the test database: CI runs them on SQLite and again on
    PostgreSQL (a test without it runs the same whatever DATABASE_URL says)."""
    for item in items:
        if (
            DATABASE_FIXTURES & set(item.fixturenames)
            or item.get_closest_marker("django_db")
            or getattr(getattr(item, "cls", None), "databases", None)
        ):
            item.add_marker(pytest.mark.database)


class BrowserTestsTogether(LoadFileScheduling):
    """pytest-xdist's `--dist loadfile` (the tests of a file run on one worker, so a file's
    class-level data is made once, and its tests can share a service such as Redis), except
    that all the browser tests, whatever their file, are one unit: one worker runs them with
    one demo site server and one chromium. (xdist's own `--dist loadgroup` groups by
    `xdist_group` marks, but with pytest 9.2 it no longer does: pytest-xdist#1386.) The
    controller that schedules collects nothing, so this goes by node id."""

    def _split_scope(self, nodeid):
        if nodeid.startswith(BROWSER_TESTS):
            return BROWSER_TESTS
        return super()._split_scope(nodeid)


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config, log):
    if config.getvalue("dist") == "loadfile":
        return BrowserTestsTogether(config, log)
    return None


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
