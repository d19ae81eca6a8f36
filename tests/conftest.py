"""Fixtures for the tests of several features: the site, its sections, and a site with
something in every section for the role and review tests.

A feature's own fixtures live in its tests/<feature>/conftest.py or test module; test data
is built with the factories in tests/<feature>/factories.py.
"""

import os
import socket
import sqlite3
from io import StringIO
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.core.cache import cache, caches
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone, translation
from wagtail.models import Page
from xdist.scheduler import LoadFileScheduling

from campaigns.access.roles import CAMPAIGNERS
from home.i18n import forget_locales

from .access.factories import UserFactory
from .actions.factories import ActionIndexPageFactory, ActionPageFactory, add_signatures
from .blog.factories import BlogCommentFactory, BlogIndexPageFactory, BlogPostPageFactory
from .cases.factories import CaseIndexPageFactory, CasePageFactory
from .contact.factories import ContactPageFactory
from .follows.factories import FollowFactory
from .home.factories import StandardPageFactory, make_site
from .outbox.factories import OutboundEmailFactory

SUPPORTER_EMAIL = "supporter-secret@example.org"

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


@pytest.fixture(autouse=True)
def fresh_languages():
    """Each test starts in the default language with no Locale ids cached: a request to
    /kk/… leaves Kazakh active in the thread (LocaleMiddleware activates, nothing
    deactivates), and home.i18n keeps Locale ids per process while a test's rows are
    rolled back (their ids reused or skipped)."""
    translation.activate(settings.LANGUAGE_CODE)
    forget_locales()
    yield
    forget_locales()
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def fresh_caches():
    """Each test starts with empty caches (each configured one: the default, and the
    renditions' where there is one). A test's rows are rolled back and their ids reused by
    the next test, so a fragment, counter or rate limit kept under the same key would
    otherwise show in another test; the in-memory cache lives as long as the process."""
    for alias in settings.CACHES:
        caches[alias].clear()


@pytest.fixture(scope="session")
def redis_service():
    """Redis on 127.0.0.1:6379, as on the machine and in CI: a test that needs it skips
    with the reason where it does not run, and fails under CI=true, where it must."""
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=1).close()
    except OSError:
        if os.environ.get("CI") == "true":
            pytest.fail("Redis must run on 127.0.0.1:6379 in CI")
        pytest.skip("no Redis on 127.0.0.1:6379")


@pytest.fixture(scope="module")
def built_demo(django_db_setup, django_db_blocker):
    """`manage.py load_demo`, run once for a test module inside a transaction that is
    rolled back after its tests (each test runs in a savepoint of its own within it).
    Returns what the command printed."""
    output = StringIO()
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo", stdout=output)
        yield output.getvalue()
        transaction.set_rollback(True)
    forget_locales()
    cache.clear()


@pytest.fixture
def root_page(db):
    return Page.get_first_root_node()


@pytest.fixture
def home_page(root_page):
    """A published home page as the root of the default site, as on a real install."""
    _root, home = make_site(site_name="Test site", contact_email="team@example.org")
    return home


@pytest.fixture
def standard_page(home_page):
    return StandardPageFactory(parent=home_page, title="About us", slug="about")


@pytest.fixture
def cases(home_page):
    """The case index, empty."""
    return CaseIndexPageFactory(parent=home_page)


@pytest.fixture
def actions(home_page):
    """The actions index, empty."""
    return ActionIndexPageFactory(parent=home_page)


@pytest.fixture
def contact_page(home_page):
    return ContactPageFactory(parent=home_page)


@pytest.fixture
def site(home_page):
    """Something of every kind in every section, and a campaigner ("writer") to submit work.

    A case "Aigerim A", a post with a reader's comment, a contact message, a petition with
    one signature ("Signer 0"), a follower of the case and an email in the outbox; the
    supporter's address is in the message, the follow and the email (`supporter_email`).
    """
    cases = CaseIndexPageFactory(parent=home_page)
    case = CasePageFactory(parent=cases, title="Aigerim A", slug="aigerim-a")
    blog = BlogIndexPageFactory(parent=home_page)
    post = BlogPostPageFactory(parent=blog)
    comment = BlogCommentFactory(
        post=post, author_name="Reader 0", email="reader0@example.org", body="Free them."
    )
    contact = ContactPageFactory(parent=home_page)
    contact.get_submission_class().objects.create(
        page=contact, form_data={"name": "A Supporter", "email": SUPPORTER_EMAIL, "message": "Hi"}
    )
    petition = ActionPageFactory(parent=ActionIndexPageFactory(parent=home_page))
    add_signatures(petition, 1)
    FollowFactory(email=SUPPORTER_EMAIL, case=case, confirmed_at=timezone.now())
    OutboundEmailFactory(to=[SUPPORTER_EMAIL], subject="Confirm", body_text="Hi")
    return SimpleNamespace(
        home=home_page,
        cases=cases,
        case=case,
        comment=comment,
        contact=contact,
        petition=petition,
        writer=UserFactory(username="writer", role=CAMPAIGNERS),
        supporter_email=SUPPORTER_EMAIL,
    )
