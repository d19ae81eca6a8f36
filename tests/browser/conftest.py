"""Browser tests: Playwright driving Debian's chromium against a real server process.

The server is `manage.py runserver` on 127.0.0.1 with its own SQLite database
built by `migrate` and `load_demo`, as `make run` builds it: the tests see the
demo a person would see, and never flush the suite's reusable test database.
It serves on a free port other than make's default 8000, with BASE_URL naming that
port, so a link that still pointed at :8000 would fail the test that follows it.
The built database is cached under `.e2e-cache/`, keyed by the migrations and
demo code, so only the first run after a change pays for the migrations.

Where chromium is not installed the tests skip, saying so; under CI (CI=true)
a missing browser fails the run instead, so a green CI means they ran.
"""

import fcntl
import hashlib
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from types import SimpleNamespace

import pyotp
import pytest

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
CACHE = ROOT / ".e2e-cache"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
LOCAL_PREFIXES = ("http://127.0.0.1", "http://localhost", "data:", "blob:", "about:")
SITE_PACKAGES = ("home", "campaigns")
DEMO_INPUTS = (
    "**/migrations/*.py",
    "**/demo/**/*.py",
    "**/demo/translations/**/*.po",
    "**/demo.py",
    "**/load_demo.py",
)
DEFAULT_PORT = 8000  # `make run`'s: the site server never uses it, so a link to it shows
PASSWORD = "change-me-now"  # ensure_admin's demo password (DEBUG only), for every demo user
# ensure_admin's demo authenticator key (DEBUG only), for the demo users who need a code.
DEMO_TOTP_SECRET = "DEMOCAMPAIGNDEMOCAMPAIGNDEMOCAMP"  # noqa: S105
GUIDE_IMAGES = ROOT / "docs" / "images"
# A focused rich-text field can leave the editor shifted sideways in a screenshot.
SETTLE = """() => {
    if (document.activeElement) document.activeElement.blur();
    document.querySelectorAll("*").forEach(el => { if (el.scrollLeft) el.scrollLeft = 0; });
}"""


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


def fingerprint():
    """A digest of everything that shapes the demo database: the migrations, the demo's code
    and load_demo, wherever in the site's packages they sit (a feature package may have a
    `migrations/`, a `demo/` or a `demo.py` of its own), and the pinned requirements."""
    digest = hashlib.sha256()
    files = sorted(
        {
            path
            for package in SITE_PACKAGES
            for pattern in DEMO_INPUTS
            for path in (ROOT / package).glob(pattern)
        }
        | {ROOT / "requirements.txt"}
    )
    for path in files:
        digest.update(str(path.relative_to(ROOT)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def server_env(workdir, smtp_port=None, port=DEFAULT_PORT):
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_URL", "PYTEST"))
        and key not in ("HOST", "PORT", "BASE_URL", "EMAIL_URL")
    }
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "settings.dev",
            # As `make run PORT=...` passes it on: every link the site sends names this port.
            "PORT": str(port),
            "BASE_URL": f"http://127.0.0.1:{port}",
            "DATABASE_URL": f"sqlite:///{workdir / 'db.sqlite3'}",
            "MEDIA_ROOT": str(workdir / "media"),
            "PAGE_CACHE_SECONDS": "0",
            # As `make run` serves it: the suite's settings turn DEBUG off for child
            # processes too, and without it runserver serves neither the stylesheet nor
            # the images, so axe would check unstyled pages.
            "DEBUG": "true",
            "PYTHONUNBUFFERED": "1",
        }
    )
    if smtp_port:
        env["EMAIL_URL"] = f"smtp://127.0.0.1:{smtp_port}"
    return env


def manage(env, *args):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
        timeout=300,
    )


def copy_demo_database(into):
    """Copy the migrated demo database and media into `into`; built once per fingerprint.

    Two test processes (pytest-xdist's workers, two runs in one checkout) may want it at
    once: a lock makes one build it while the other waits, and keeps the cache in place
    while it is copied.
    """
    cached = CACHE / fingerprint()
    CACHE.mkdir(exist_ok=True)
    with open(CACHE / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not cached.exists():
            building = CACHE / f"building-{os.getpid()}"
            shutil.rmtree(building, ignore_errors=True)
            building.mkdir()
            env = server_env(building)
            manage(env, "migrate", "--no-input", "-v0")
            manage(env, "load_demo")
            for stale in CACHE.iterdir():
                if stale not in (building, CACHE / ".lock"):
                    shutil.rmtree(stale, ignore_errors=True)
            building.rename(cached)
        shutil.copytree(cached, into, dirs_exist_ok=True)


def free_port():
    while True:
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            port = sock.getsockname()[1]
        if port != DEFAULT_PORT:
            return port


@pytest.fixture(scope="session")
def chromium_path():
    path = shutil.which("chromium")
    if path is None:
        message = "Debian's chromium is not installed (apt-get install -y chromium)"
        if os.environ.get("CI") == "true":
            pytest.fail(f"{message}: browser tests must run in CI")
        pytest.skip(message)
    return path


@pytest.fixture(scope="session")
def mailbox():
    """A real SMTP server on 127.0.0.1 that the site server sends its email to."""
    from tests.smtp import SMTPServer

    server = SMTPServer()
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def site_server(tmp_path_factory, mailbox):
    """A running demo site: `.url`, `.manage(*args)` to run commands against its data,
    and `.deliver_email()` to run one pass of the email worker (mail lands in `mailbox`)."""
    workdir = tmp_path_factory.mktemp("site")
    copy_demo_database(workdir)
    port = free_port()
    env = server_env(workdir, smtp_port=mailbox.port, port=port)
    # The cached demo was built for another address: load_demo moves the site to this one,
    # as it does when `make run` is run again with another PORT.
    manage(env, "load_demo")
    log = open(workdir / "server.log", "w")  # noqa: SIM115 - closed at teardown
    process = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(url + "/healthz/", timeout=2):  # noqa: S310
                break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                log.flush()
                pytest.fail(
                    "the site server did not start:\n" + (workdir / "server.log").read_text()
                )
            time.sleep(0.2)
    yield SimpleNamespace(
        url=url,
        port=port,
        env=env,
        manage=lambda *args: manage(env, *args),
        deliver_email=lambda: manage(
            env,
            "db_worker",
            "--backend",
            "email",
            "--queue-name",
            "email",
            "--batch",
            "--no-startup-delay",
        ),
    )
    process.terminate()
    process.wait(timeout=10)
    log.close()


@pytest.fixture(scope="session")
def browser(chromium_path):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, request):
    """A fresh browser tab that records every request to another host."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.external_requests = []
    page.on(
        "request",
        lambda r: (
            None if r.url.startswith(LOCAL_PREFIXES) else page.external_requests.append(r.url)
        ),
    )
    yield page
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / f"{request.node.name}.png", full_page=True)
    context.close()


@pytest.fixture
def axe():
    """Run axe-core (shipped inside axe-playwright-python) and fail on any violation."""
    from axe_playwright_python.sync_playwright import Axe

    def check(page):
        results = Axe().run(page)
        assert results.violations_count == 0, results.generate_report()
        return results

    return check


@pytest.fixture
def snap():
    """snap(page, name, show=None): the viewport as the person sees it, saved for the
    campaigner's guide (docs/images/<name>.png) and to the test artifacts; `show` is a
    locator to scroll into view first."""

    def snap(page, name, show=None):
        if show is not None:
            show.scroll_into_view_if_needed()
        page.evaluate(SETTLE)
        GUIDE_IMAGES.mkdir(parents=True, exist_ok=True)
        ARTIFACTS.mkdir(exist_ok=True)
        path = GUIDE_IMAGES / f"{name}.png"
        # Menus and dialogs fade in: show them as they end up, not half-way.
        page.screenshot(path=path, animations="disabled")
        shutil.copyfile(path, ARTIFACTS / path.name)

    return snap


# The time step of the last code each demo user gave: the site takes a code only once.
CODE_STEPS_USED = {}


def two_factor_code(username, secret=DEMO_TOTP_SECRET):
    """A code the site will take for `username`: the current one, or the next one when
    this step's code was used already (the site accepts one step either side); waits for
    the next step when both were used."""
    step = int(time.time()) // 30
    if CODE_STEPS_USED.get(username, -1) >= step + 1:
        time.sleep(30 - time.time() % 30 + 0.1)
        step = int(time.time()) // 30
    step = max(step, CODE_STEPS_USED.get(username, -1) + 1)
    CODE_STEPS_USED[username] = step
    return pyotp.TOTP(secret).generate_otp(step)


@pytest.fixture
def sign_in(snap):
    """sign_in(page, base_url, username, journey=None): sign in to the admin as one of the
    demo users ensure_admin makes, with a code from the demo key when the site asks for one;
    with a `journey`, the filled-in form is snapped first."""

    def sign_in(page, base_url, username, journey=None):
        from playwright.sync_api import expect

        page.goto(base_url + "/admin/login/")
        page.get_by_label("Username").fill(username)
        page.get_by_label("Password").fill(PASSWORD)
        if journey:
            snap(page, f"{journey}-sign-in")
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_url(lambda url: "/admin/login/" not in url)
        if "/admin/signin/code/" in page.url:
            page.get_by_label("Code").fill(two_factor_code(username))
            page.get_by_role("button", name="Continue").click()
        # The account menu at the foot of the sidebar names who is signed in.
        expect(page.get_by_role("button", name=username, exact=True)).to_be_visible()

    return sign_in
