"""Real app servers for load tests: gunicorn processes sharing PostgreSQL and Redis.

    with petition_site(servers=2, workers=2) as site:
        site.urls        # ["http://127.0.0.1:41231", "http://127.0.0.1:41232"]
        site.action_id   # the petition's page id: POST /sign/<action_id>/
        site.dsn         # libpq connection string of the scratch database

Used by tests/actions/test_action_concurrency.py and bench/actions.py, so that the test and
the benchmark measure the same thing. Everything is scratch and removed on exit, even
after a failure: a PostgreSQL database of its own (`campaigns_concurrency_<pid>_<n>`,
whatever DATABASE_URL says), a temporary directory, and the Redis keys under a prefix of
its own.

The servers run as in production (README, "Deploying"): `settings.production`,
`gunicorn settings.wsgi` with sync workers, `collectstatic` done first, Redis as the
shared cache, behind a TLS-terminating proxy that the load's clients play by sending
`X-Forwarded-Proto: https` and `X-Forwarded-For` (TRUSTED_PROXIES=1). The only changes,
made by a settings module written into the temporary directory, are where collected
static files go (STATIC_ROOT, not the checkout's `staticfiles/`) and a cache KEY_PREFIX
(django-environ's `?key_prefix=` query option ends up in a lower-case key Django does
not read). Environment: a random SECRET_KEY, ALLOWED_HOSTS=127.0.0.1 and BASE_URL's
host, DATABASE_URL, CACHE_URL and SIGN_PER_CLIENT high enough for the load, since one
client address signs dozens of times.
"""

import base64
import contextlib
import itertools
import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
PG_HOST, PG_PORT, PG_USER = "127.0.0.1", 5432, "postgres"
REDIS_HOST, REDIS_PORT, REDIS_DB = "127.0.0.1", 6379, 13
BASE_URL = "https://campaign.example.test"
ACCESS_LOG_FORMAT = '%(t)s "%(m)s %(U)s" %(s)s %(b)s %(L)s'  # as in README: no addresses
PROXY_HEADERS = {"X-Forwarded-Proto": "https"}
_databases = itertools.count(1)

# Run by `manage.py shell -c` against the scratch database: a home page as the default
# site's root (replacing Wagtail's placeholder), /act/ and one open petition.
SETUP_SCRIPT = """
from wagtail.models import Page, Site
from campaigns.models import ActionIndexPage, ActionKind, ActionPage
from home.models import HomePage

root = Page.get_first_root_node()
Site.objects.all().delete()
for child in root.get_children():
    child.delete()
home = root.add_child(instance=HomePage(title="Home", slug="home"))
home.save_revision().publish()
Site.objects.create(
    hostname="localhost", port=80, root_page=home, is_default_site=True, site_name="Load"
)
act = home.add_child(instance=ActionIndexPage(title="Act", slug="act"))
act.save_revision().publish()
petition = act.add_child(
    instance=ActionPage(
        title="Reform the inciting discord article",
        slug="reform",
        kind=ActionKind.PETITION,
        target="The Parliament of Kazakhstan",
        ask="Rewrite the article so that speech is a crime only when it incites violence.",
    )
)
petition.save_revision().publish()
print("ACTION", petition.pk, petition.url)
"""


class Unavailable(Exception):
    """PostgreSQL or Redis is not reachable on 127.0.0.1."""


def _listening(host, port):
    try:
        socket.create_connection((host, port), timeout=1).close()
        return True
    except OSError:
        return False


def check_services():
    """Raise Unavailable, saying what is missing, unless PostgreSQL and Redis answer."""
    import psycopg

    try:
        psycopg.connect(admin_dsn(), connect_timeout=3).close()
    except psycopg.Error as error:
        raise Unavailable(
            f"PostgreSQL is not reachable on {PG_HOST}:{PG_PORT} as {PG_USER}: {error}"
        ) from error
    if not _listening(REDIS_HOST, REDIS_PORT):
        raise Unavailable(f"Redis is not reachable on {REDIS_HOST}:{REDIS_PORT}")


def admin_dsn(dbname="postgres"):
    return f"host={PG_HOST} port={PG_PORT} user={PG_USER} dbname={dbname}"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def server_env(workdir, database, key_prefix, sign_limit):
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_URL", "CACHE_URL", "PYTEST", "SIGN_"))
    }
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "loadsettings",
            "PYTHONPATH": os.pathsep.join([str(workdir), str(ROOT)]),
            "PYTHONUNBUFFERED": "1",
            "SECRET_KEY": secrets.token_urlsafe(64),
            "CLIENT_HASH_KEY": secrets.token_urlsafe(48),
            # Any 32 bytes, in base64, are an Ed25519 seed for the open-data signatures.
            "OPEN_DATA_SIGNING_KEY": base64.b64encode(secrets.token_bytes(32)).decode(),
            # The clients call 127.0.0.1; links name the public address (production.py checks).
            "ALLOWED_HOSTS": f"127.0.0.1,{urlsplit(BASE_URL).hostname}",
            "BASE_URL": BASE_URL,
            "DATABASE_URL": f"postgres://{PG_USER}@{PG_HOST}:{PG_PORT}/{database}",
            "CACHE_URL": f"redis://{REDIS_HOST}:{REDIS_PORT}/{REDIS_DB}",
            "LOAD_KEY_PREFIX": key_prefix,
            "TRUSTED_PROXIES": "1",
            "SIGN_PER_CLIENT": str(sign_limit),
            "EMAIL_URL": "consolemail://",  # no worker runs: emails stay queued in the DB
        }
    )
    return env


def write_settings(workdir):
    (workdir / "loadsettings.py").write_text(
        "import os\n"
        "from pathlib import Path\n\n"
        "from settings.production import *  # noqa: F403\n\n"
        "STATIC_ROOT = Path(__file__).resolve().parent / 'static'\n"
        "CACHES['default']['KEY_PREFIX'] = os.environ['LOAD_KEY_PREFIX']  # noqa: F405\n"
    )


def manage(env, *args, timeout=300):
    result = subprocess.run(  # noqa: S603 - our own interpreter and manage.py
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if result.returncode:
        raise RuntimeError(
            f"manage.py {' '.join(args[:2])} failed ({result.returncode}):\n"
            f"{result.stdout[-3000:]}\n{result.stderr[-5000:]}"
        )
    return result.stdout


def wait_healthy(url, process, log_path, timeout=60):
    deadline = time.monotonic() + timeout
    request = urllib.request.Request(url + "/healthz/", headers=PROXY_HEADERS)  # noqa: S310
    while True:
        try:
            with urllib.request.urlopen(request, timeout=2) as response:  # noqa: S310 - http only
                if response.status == 200:
                    return
        except OSError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError(f"gunicorn at {url} did not start:\n{tail(log_path)}")
        time.sleep(0.2)


def tail(path, chars=6000):
    try:
        return Path(path).read_text(errors="replace")[-chars:]
    except OSError:
        return ""


def stop(process, timeout=15):
    if process.poll() is None:
        process.terminate()  # gunicorn: graceful shutdown of its workers
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=timeout)


def drop_database(database):
    import psycopg

    with psycopg.connect(admin_dsn(), autocommit=True, connect_timeout=5) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')


def clear_redis(key_prefix, db=REDIS_DB):
    import redis

    client = redis.Redis(host=REDIS_HOST, port=REDIS_PORT, db=db)
    try:
        keys = list(client.scan_iter(match=f"{key_prefix}:*", count=1000))
        if keys:
            client.delete(*keys)
    finally:
        client.close()


@contextlib.contextmanager
def petition_site(servers=2, workers=2, sign_limit=1_000_000, log=print):
    """Migrate a scratch database, add a petition, serve it from `servers` gunicorns."""
    import psycopg

    check_services()
    database = f"campaigns_concurrency_{os.getpid()}_{next(_databases)}"
    key_prefix = f"loadtest-{os.getpid()}-{secrets.token_hex(4)}"
    workdir = Path(tempfile.mkdtemp(prefix="campaigns-load-"))
    processes, logs = [], []
    created = False
    try:
        with psycopg.connect(admin_dsn(), autocommit=True, connect_timeout=5) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
            connection.execute(f'CREATE DATABASE "{database}"')
        created = True
        write_settings(workdir)
        env = server_env(workdir, database, key_prefix, sign_limit)

        started = time.perf_counter()
        # collectstatic needs no database: it runs while the migrations do.
        static = subprocess.Popen(  # noqa: S603
            [sys.executable, "manage.py", "collectstatic", "--no-input", "-v0"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        try:
            manage(env, "migrate", "--no-input", "-v0")
        finally:
            output, _ = static.communicate(timeout=300)
        if static.returncode:
            raise RuntimeError(f"collectstatic failed:\n{output[-5000:]}")
        log(f"  migrated and collected static files in {time.perf_counter() - started:.1f} s")
        out = manage(env, "shell", "-c", SETUP_SCRIPT)
        action_line = next(line for line in out.splitlines() if line.startswith("ACTION "))
        _, action_id, action_url = action_line.split()
        log(f"Database {database} migrated and set up in {time.perf_counter() - started:.1f} s")

        started = time.perf_counter()
        urls = []
        for number in range(servers):
            port = free_port()
            log_path = workdir / f"gunicorn-{number}.log"
            logs.append(log_path)
            with open(log_path, "w") as log_file:
                processes.append(
                    subprocess.Popen(  # noqa: S603
                        [
                            sys.executable,
                            "-m",
                            "gunicorn",
                            "settings.wsgi",
                            "--bind",
                            f"127.0.0.1:{port}",
                            "--workers",
                            str(workers),
                            "--preload",
                            "--backlog",
                            "2048",
                            "--timeout",
                            "60",
                            "--access-logfile",
                            str(workdir / f"access-{number}.log"),
                            "--access-logformat",
                            ACCESS_LOG_FORMAT,
                            "--error-logfile",
                            "-",
                        ],
                        cwd=ROOT,
                        env=env,
                        stdout=log_file,
                        stderr=subprocess.STDOUT,
                    )
                )
            urls.append(f"http://127.0.0.1:{port}")
        for url, process, log_path in zip(urls, processes, logs, strict=True):
            wait_healthy(url, process, log_path)
        log(
            f"{servers} gunicorn servers x {workers} workers up in "
            f"{time.perf_counter() - started:.1f} s: {', '.join(urls)}"
        )
        yield SimpleNamespace(
            urls=urls,
            action_id=int(action_id),
            action_url=action_url,
            database=database,
            dsn=admin_dsn(database),
            workdir=workdir,
            processes=processes,
            server_logs=lambda: "\n".join(
                f"--- {path.name}\n{tail(path)}" for path in logs if tail(path).strip()
            ),
        )
    finally:
        for process in processes:
            stop(process)
        if created:
            drop_database(database)
        with contextlib.suppress(Exception):
            clear_redis(key_prefix)
        shutil.rmtree(workdir, ignore_errors=True)
