"""Two app servers behind one edge cache, as production scales out: gunicorn processes
sharing the test database (SQLite file or PostgreSQL, whichever the suite runs on) and one
Redis cache, a varnishd with both as round-robin backends, purged by whichever server
handles a publish. An editor publishes through the admin of server 1; the page is fresh
through the cache within a second, whichever server renders it.

The servers run the suite's settings, plus (in a settings module written to a temporary
directory) the shared Redis cache on 127.0.0.1:6379/6 under a key prefix of their own,
the test process's MEDIA_ROOT, and a test-only middleware naming the server in
`X-Served-By`. Skipped, saying why, without varnishd, gunicorn or Redis, except under CI=true.
"""

import importlib.util
import os
import re
import secrets
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import quote, urlencode

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client

from ..access.factories import UserFactory
from ..cases.factories import CaseIndexPageFactory, CasePageFactory
from .varnish import Varnish, free_port, varnishd_or_skip

ROOT = Path(settings.BASE_DIR)
REDIS = "redis://127.0.0.1:6379/6"
FRESH_WITHIN = 1.0  # seconds, the promise of issue 17

live = pytest.mark.django_db(transaction=True, serialized_rollback=True)

SETTINGS = """\
import os
from pathlib import Path

from settings import base
from settings.test import *  # noqa: F403

# What production shares between app servers: the Redis cache and the media files.
CACHES = base.CACHES
MEDIA_ROOT = Path(os.environ["SHARED_MEDIA_ROOT"])
MIDDLEWARE = ["tests.edge.served_by.ServedByMiddleware", *MIDDLEWARE]  # noqa: F405
"""


def database_url():
    """The test database this process writes to, as DATABASE_URL for the servers."""
    db = connection.settings_dict
    if db["ENGINE"] == "django.db.backends.sqlite3":
        return f"sqlite:///{db['NAME']}"
    password = f":{quote(db['PASSWORD'], safe='')}" if db.get("PASSWORD") else ""
    return f"postgres://{db['USER']}{password}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


def gunicorn_or_skip():
    if importlib.util.find_spec("gunicorn") is None:
        if os.environ.get("CI") == "true":
            pytest.fail("gunicorn must be installed in CI (requirements.txt)")
        pytest.skip("gunicorn is not installed (pip install -r requirements.txt)")


class AppServer:
    """`gunicorn settings.wsgi` with 2 sync workers on a free port of 127.0.0.1."""

    def __init__(self, name, port, env, workdir):
        self.name, self.port = name, port
        self.url = f"http://127.0.0.1:{port}"
        self.log = workdir / f"{name}.log"
        with self.log.open("w") as log:
            self.process = subprocess.Popen(  # noqa: S603 - our interpreter, our app
                [sys.executable, "-m", "gunicorn", "settings.wsgi", "--bind",
                 f"127.0.0.1:{port}", "--workers", "2", "--timeout", "60",
                 "--error-logfile", "-"],
                cwd=ROOT, env={**env, "APP_SERVER_NAME": name},
                stdout=log, stderr=subprocess.STDOUT,
            )  # fmt: skip

    def wait_until_ready(self, deadline):
        while True:
            try:
                with urllib.request.urlopen(f"{self.url}/healthz/live/", timeout=2):  # noqa: S310
                    return
            except OSError:
                pass
            if self.process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"{self.name} did not start:\n{self.log.read_text()[-4000:]}")
            time.sleep(0.1)

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def server_env(workdir, edge_url, key_prefix):
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_URL", "CACHE_", "PYTEST", "FRONTEND_"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE="edge_two_servers_settings",
        PYTHONPATH=os.pathsep.join([str(workdir), str(ROOT)]),
        PYTHONUNBUFFERED="1",
        SECRET_KEY=settings.SECRET_KEY,  # the test process signs the editor's session
        DATABASE_URL=database_url(),
        CACHE_URL=REDIS,
        CACHE_KEY_PREFIX=key_prefix,
        SHARED_MEDIA_ROOT=str(settings.MEDIA_ROOT),
        FRONTEND_CACHE_URLS=edge_url,
    )
    return env


@pytest.fixture(scope="module")
def cluster(django_db_setup, redis_service):
    """(varnish, [server 1, server 2]): varnishd first (it needs the servers' ports, they
    need its address to purge), then both servers, started side by side."""
    varnishd_or_skip()
    gunicorn_or_skip()
    workdir = Path(tempfile.mkdtemp(prefix="edge-two-servers-"))
    (workdir / "edge_two_servers_settings.py").write_text(SETTINGS)
    ports = [free_port(), free_port()]
    edge = Varnish([("127.0.0.1", port) for port in ports], ["127.0.0.1"])
    key_prefix = f"edge-two-{secrets.token_hex(4)}"
    env = server_env(workdir, edge.url, key_prefix)
    servers = [
        AppServer(f"app-{number}", port, env, workdir) for number, port in enumerate(ports, 1)
    ]
    try:
        deadline = time.monotonic() + 60
        for server in servers:
            server.wait_until_ready(deadline)
        yield edge, servers
    finally:
        for server in servers:
            server.stop()
        edge.stop()
        clear_redis(key_prefix)


def clear_redis(key_prefix):
    import redis

    client = redis.Redis.from_url(REDIS)
    try:
        keys = list(client.scan_iter(match=f"{key_prefix}:*"))
        if keys:
            client.delete(*keys)
    finally:
        client.close()


class Editor:
    """A signed-in superuser's browser against one app server (directly, as the admin is
    never cached): the session made in the test process, in the shared database."""

    def __init__(self, user, server):
        client = Client()
        client.force_login(user)
        self.cookies = {"sessionid": client.cookies["sessionid"].value}
        self.server = server

    def request(self, path, data=None):
        cookie = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        request = urllib.request.Request(  # noqa: S310 - http to our own server
            self.server.url + path,
            data=urlencode(data).encode() if data is not None else None,
            headers={"Cookie": cookie, "Host": "localhost"},
        )
        opener = urllib.request.build_opener(NoRedirect)
        try:
            with opener.open(request, timeout=30) as response:
                status, headers, body = response.status, response.headers, response.read()
        except urllib.error.HTTPError as error:
            status, headers, body = error.code, error.headers, error.read()
        for header in headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        return status, body.decode()

    def bulk_publish(self, page):
        """Publish the page's latest revision as the admin's bulk action does: the form,
        then its POST with the form's CSRF token."""
        path = f"/admin/bulk/wagtailcore/page/publish/?id={page.pk}&next=/admin/"
        status, form = self.request(path)
        assert status == 200, form[-2000:]
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)
        status, body = self.request(path, {"csrfmiddlewaretoken": token})
        assert status == 302, body[-2000:]


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def through_the_edge(edge, path):
    status, headers, body = edge.request(path)
    assert status == 200, body[-2000:]
    return headers, body.decode()


@live
def test_a_publish_on_one_server_shows_through_the_cache_within_a_second(cluster, home_page):
    edge, (first, second) = cluster
    case = CasePageFactory(
        parent=CaseIndexPageFactory(parent=home_page), title="Aigerim A", slug="aigerim-a"
    )
    editor = Editor(UserFactory(username="editor", is_superuser=True, is_staff=True), first)

    headers, body = through_the_edge(edge, "/cases/aigerim-a/")
    assert "Aigerim A" in body
    headers, body = through_the_edge(edge, "/cases/aigerim-a/")
    assert headers["X-Cache"] == "HIT"

    case.title = "Aigerim Abenova"
    case.save_revision()  # a draft: nothing changes for readers yet
    assert "Aigerim Abenova" not in through_the_edge(edge, "/cases/aigerim-a/")[1]

    editor.bulk_publish(case)  # server 1 publishes, and purges the edge on commit
    published = time.monotonic()
    while True:
        headers, body = through_the_edge(edge, "/cases/aigerim-a/")
        if "Aigerim Abenova" in body:
            break
        assert time.monotonic() - published < FRESH_WITHIN, "not fresh within 1 s"
        time.sleep(0.02)
    seconds = time.monotonic() - published
    print(f"\nfresh through the edge {seconds * 1000:.0f} ms after the publish on "
          f"{first.name}, rendered by {headers['X-Served-By']}")  # fmt: skip

    # Either server renders the published page: they share the database and the cache.
    for server in (first, second):
        with urllib.request.urlopen(server.url + "/cases/aigerim-a/", timeout=10) as response:  # noqa: S310
            assert "Aigerim Abenova" in response.read().decode()
            assert response.headers["X-Served-By"] == server.name
    # And the edge spreads its fetches over both: requests it may not keep go round.
    passed = {
        edge.request("/cases/aigerim-a/", headers={"Cookie": "sessionid=none"})[1]["X-Served-By"]
        for _ in range(4)
    }
    assert passed == {first.name, second.name}
