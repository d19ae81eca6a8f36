"""The edge cache for real: varnishd with the deployed VCL in front of the app (Django's
live server), purged by the app as in production, counts included (with the worker)."""

import contextlib
import threading
import time

import pytest
from django.db import connections
from django.test import override_settings
from django_tasks_db.management.commands.db_worker import Worker

from campaigns.actions.signing import confirm
from campaigns.edge.counts import COUNT_PURGE_SECONDS, FRESH_WITHIN, WORKER_POLL_SECONDS
from campaigns.edge.vcl import render_vcl

from ..actions.factories import (
    ActionIndexPageFactory,
    ActionPageFactory,
    SignatureFactory,
    add_signatures,
)
from ..home.factories import StandardPageFactory
from .recorder import Recorder
from .varnish import Varnish, compile_vcl

# The live server reads what the test commits; the tree's root page (a migration's row)
# is put back after each test.
live = pytest.mark.django_db(transaction=True, serialized_rollback=True)
FLOOD = 30


def test_the_shipped_vcl_is_the_rendered_one_and_compiles(settings):
    rendered = render_vcl([("127.0.0.1", 8000)], ["127.0.0.1"])
    assert (settings.BASE_DIR / "deploy/varnish/default.vcl").read_text() == rendered
    assert compile_vcl(rendered)[0] == 0


def test_two_app_servers_a_network_of_purgers_and_probes_compile():
    vcl = render_vcl(
        [("10.0.0.5", 8000), ("10.0.0.6", 8000)],
        ["10.0.0.0/24", "127.0.0.1"],
        probe_host="campaign.example.org",
    )
    assert '"10.0.0.0"/24;' in vcl and "app.add_backend(app1);" in vcl
    assert compile_vcl(vcl)[0] == 0


def test_a_broken_vcl_does_not_compile():
    """The compile check can fail: it is not a formality."""
    returncode, output = compile_vcl("vcl 4.1;\nsub vcl_recv { set req.nothing = 1; }\n")
    assert returncode != 0 and "nothing" in output


@pytest.fixture(scope="module")
def edge(live_server_module):
    varnish = Varnish([live_server_module], ["127.0.0.1"])
    yield varnish
    varnish.stop()


@pytest.fixture(scope="module")
def live_server_module(request):
    """host, port of Django's live server (pytest-django's, for the whole session)."""
    server = request.getfixturevalue("live_server")
    host, port = server.url.removeprefix("http://").split(":")
    return host, int(port)


@pytest.fixture
def purging(edge):
    """The app purges this varnishd; everything it kept from an earlier test is dropped."""
    assert edge.request("/", method="BAN", headers={"X-Ban-Regex": "^/"})[0] == 200
    config = {"edge": {"BACKEND": "campaigns.edge.backends.VarnishBackend", "LOCATION": edge.url}}
    with override_settings(WAGTAILFRONTENDCACHE=config):
        yield edge


@pytest.fixture
def about(home_page):
    return StandardPageFactory(parent=home_page, title="About us", slug="about")


@live
def test_an_anonymous_get_is_kept_and_compressed(purging, about):
    status, headers, body = purging.request("/about/")
    assert status == 200 and headers["X-Cache"] == "MISS"
    assert "s-maxage=" in headers["Cache-Control"]
    status, headers, _body = purging.request("/about/", headers={"Accept-Encoding": "gzip"})
    assert headers["X-Cache"] == "HIT" and int(headers["Age"]) >= 0
    assert headers["Content-Encoding"] == "gzip"


@live
def test_the_admin_a_post_a_session_and_a_csrf_cookie_pass(purging, about):
    purging.request("/about/")
    for kwargs in (
        {"headers": {"Cookie": "sessionid=abc"}},
        {"headers": {"Cookie": "csrftoken=abc; other=1"}},
        {"headers": {"Authorization": "Basic eDp5"}},
        {"method": "POST", "data": b""},
    ):
        _status, headers, _body = purging.request("/about/", **kwargs)
        assert headers["X-Cache"] != "HIT", kwargs
    _status, headers, _body = purging.request("/admin/login/")
    assert headers["X-Cache"] == "PASS" or "private" in headers.get("Cache-Control", "")
    # A tracking cookie alone does not make a copy per visitor.
    _status, headers, _body = purging.request("/about/", headers={"Cookie": "_ga=1"})
    assert headers["X-Cache"] == "HIT"


@live
def test_purge_is_accepted_from_the_app_servers_only(purging, about, live_server_module):
    assert purging.request("/about/", method="PURGE")[0] == 200
    stranger = Varnish([live_server_module], ["10.255.255.1"])  # 127.0.0.1 not allowed
    try:
        assert stranger.request("/about/", method="PURGE")[0] == 403
        assert stranger.request("/", method="BAN")[0] == 403
    finally:
        stranger.stop()


@live
def test_a_publish_shows_through_the_cache_at_once(purging, about):
    assert b"About us" in purging.request("/about/")[2]
    assert purging.request("/about/")[1]["X-Cache"] == "HIT"
    about.title = "Who we are"
    about.save_revision().publish()  # committed: the purge goes out now
    started = time.monotonic()
    while b"Who we are" not in purging.request("/about/")[2]:
        assert time.monotonic() - started < 1, "the new title did not show within 1 s"
        time.sleep(0.02)


@contextlib.contextmanager
def worker():
    """django_tasks_db's worker on the queue the deployed one works, polling as often (in a
    thread of this process, on the database the live server reads)."""
    running = Worker(
        queue_names=["email"], excluded_queue_names=[], interval=WORKER_POLL_SECONDS,
        batch=False, backend_name="email", startup_delay=False, max_tasks=None,
        worker_id="edge-test",
    )  # fmt: skip

    def run():
        try:
            running.run()
        finally:
            connections.close_all()

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    try:
        yield
    finally:
        running.running = False
        thread.join(timeout=WORKER_POLL_SECONDS + 5)


def wait_for(edge, path, text, within):
    """The moment (time.monotonic) the page through the cache shows `text`; fails if that
    takes more than `within` seconds."""
    started = time.monotonic()
    while text not in edge.request(path)[2]:
        assert time.monotonic() - started < within, f"{text!r} did not show within {within} s"
        time.sleep(0.05)
    return time.monotonic()


@live
def test_a_count_moves_within_the_window_and_a_flood_purges_twice(
    purging, home_page, fresh_windows
):
    action = ActionPageFactory(
        parent=ActionIndexPageFactory(parent=home_page, slug="act"), slug="free-them"
    )
    add_signatures(action, 2)
    flood = [SignatureFactory(action=action) for _ in range(FLOOD)]
    assert b"<strong>2</strong> confirmed signatures" in purging.request("/act/free-them/")[2]
    assert purging.request("/act/free-them/")[1]["X-Cache"] == "HIT"
    edge = {"BACKEND": "campaigns.edge.backends.VarnishBackend", "LOCATION": purging.url}
    with (
        Recorder() as recorder,
        worker(),
        override_settings(WAGTAILFRONTENDCACHE={"edge": edge, **recorder.settings()}),
    ):
        assert confirm(flood[0])  # committed: the first of a window purges at once
        wait_for(purging, "/act/free-them/", b"<strong>3</strong> confirmed", within=1)
        flood_began = time.monotonic()
        for signature in flood[1:]:
            assert confirm(signature)
        last = time.monotonic()
        total = f"<strong>{2 + FLOOD}</strong> confirmed".encode()
        shown = wait_for(purging, "/act/free-them/", total, within=FRESH_WITHIN + 0.5)
    # Shown by the trailing purge, at the end of the window the flood opened: within the
    # promise of the last signature, and not by a purge per signature.
    assert shown - last < FRESH_WITHIN + 0.5
    assert shown - flood_began >= COUNT_PURGE_SECONDS - 0.1
    pages = [path for method, _h, path, _r in recorder.requests if method == "PURGE"]
    assert pages.count("/act/free-them/") == 2
