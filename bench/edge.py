"""Every public page type at 1,000 cases, beside a bare Wagtail site, and the edge cache.

    .venv/bin/python -m bench edge              1,000 cases x 10 updates, 1,000 posts, wrk 20 s
    .venv/bin/python -m bench edge --reuse      keep the databases, and reuse them next time
    .venv/bin/python -m bench edge --cases 20 --posts 20 --seconds 1 --requests 3   (tiny)

Builds the site on PostgreSQL (database `bench_edge`: migrate, load_demo, then invented
cases with 10 updates each and blog posts, saved live without revisions) and a bare
`wagtail start` site (bench/bare_wagtail/, database `bench_bare`), and serves both as
production does: DEBUG off, `settings.production`, gunicorn with 2 sync workers, Redis
(db 5) as the cache. The site runs as two app servers behind Varnish, which is configured
by campaigns/edge/vcl.py (what deploy/varnish/default.vcl is rendered from); publishing
purges it through FRONTEND_CACHE_URLS. Then it prints:

1. per page type: SQL queries of one request after a warm-up one (in this process, under
   the same settings; with the demo alone and with all the data, which must be equal) and
   the app servers' CPU per request (the gunicorn workers' utime + stime from /proc over
   --requests sequential requests), each beside the bare site's home page and as a ratio;
2. wrk (16 connections, --seconds, asking for gzip) on the case and campaign pages:
   (a) one app server directly, (b) Varnish before both, (c) nginx serving the same HTML
   as a static file, stored gzipped as Varnish stores it; requests/s, b/c, a/c, errors,
   whether Varnish had the page (X-Cache), and the app's CPU per request under load (a);
3. freshness: while wrk loads the case page through Varnish, this process publishes an
   update of that case (a revision, published, as an editor does); the time from the
   commit until Varnish serves it, and whether both app servers serve it;
4. the issue's targets, each met or missed and by how much. Exits 1 if any is missed.

--reuse keeps both databases (and the media in $TMPDIR/bench_edge/) and uses them again
while they were built from the same migrations, demo and generator (a digest kept as the
database's comment), topped up to --cases and --posts: a second run skips the minutes
of building. All on 127.0.0.1; every server is stopped at the end. varnishd, wrk and
nginx are Debian packages; a part whose program is missing is skipped with the reason
(and the run fails when CI=true).
"""

import argparse
import base64
import contextlib
import gzip
import hashlib
import http.client
import io
import logging
import os
import re
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from types import SimpleNamespace

from bench.servers import (
    PG_HOST,
    PG_PORT,
    PG_USER,
    REDIS_HOST,
    REDIS_PORT,
    Unavailable,
    admin_dsn,
    check_services,
    clear_redis,
    drop_database,
    free_port,
    stop,
    tail,
)

ROOT = Path(__file__).resolve().parents[1]
BARE_DIR = ROOT / "bench" / "bare_wagtail"
REDIS_DB = 5
HOST = "campaign.example.test"  # the Site's host: what the purges name, so what wrk sends
PAGES = {
    "home": "/",
    "campaign": "/kazakhstan/",
    "case index": "/cases/?status=imprisoned",
    "case": "/cases/mukhtar-ablyazov/",
    "blog index": "/blog/",
    "post": "/blog/kazakhstan-political-prisoners-and-human-rights/",
    "action": "/act/reform-inciting-discord/",
    "search": "/search/?q=prisoners",
    "hearings": "/hearings/",
}
LOADED_PAGES = ("case", "campaign")  # wrk's pages
FRESH_CASE = "mukhtar-ablyazov"  # PAGES["case"]: the page the update is published on
MAX_QUERIES = 15
MIN_EDGE_SHARE = 0.5  # Varnish's requests/s as a share of nginx's
MAX_FRESH_SECONDS = 1.0
MAX_CPU_MS = {"case": 30.0, "post": 30.0}
TOOLS = ("varnishd", "wrk", "nginx")

SETTINGS = """
import os
from pathlib import Path

from settings.production import *  # noqa: F403

STATIC_ROOT = Path(os.environ["BENCH_EDGE_DIR"]) / "static"
"""
# Run by the bare site's interpreter: its home page's queries, as this process counts the site's.
BARE_QUERIES = """
import django
django.setup()
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
client = Client(HTTP_HOST="%s")
client.get("/")
with CaptureQueriesContext(connection) as queries:
    status = client.get("/").status_code
print(status, len(queries))
"""


def log(text):
    print(text, flush=True)


# --- Environments --------------------------------------------------------------------------------


def site_env(workdir, database, key_prefix, purge_url):
    """The site's environment as production's: `settings.production` with its required
    secrets, plain HTTP (no TLS proxy in front here), PostgreSQL, Redis and the purge
    address of the Varnish started later."""
    env = clean_env()
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "edgesettings",
            "PYTHONPATH": os.pathsep.join([str(workdir), str(ROOT)]),
            "BENCH_EDGE_DIR": str(workdir),
            "SECRET_KEY": secrets.token_urlsafe(64),
            "CLIENT_HASH_KEY": secrets.token_urlsafe(48),
            "OPEN_DATA_SIGNING_KEY": base64.b64encode(secrets.token_bytes(32)).decode(),
            "ALLOWED_HOSTS": f"127.0.0.1,{HOST}",
            "BASE_URL": f"http://{HOST}",
            "SECURE_SSL_REDIRECT": "false",
            "SECURE_HSTS_SECONDS": "0",
            "DATABASE_URL": f"postgres://{PG_USER}@{PG_HOST}:{PG_PORT}/{database}",
            "CACHE_URL": f"redis://{REDIS_HOST}:{REDIS_PORT}/{REDIS_DB}",
            "CACHE_KEY_PREFIX": key_prefix,
            "MEDIA_ROOT": str(workdir / "media"),
            "EMAIL_URL": "consolemail://",
            "FRONTEND_CACHE_URLS": purge_url,
        }
    )
    return env


def bare_env(database, key_prefix):
    env = clean_env()
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "bare.settings",
            "PYTHONPATH": str(BARE_DIR),
            "SECRET_KEY": secrets.token_urlsafe(64),
            "ALLOWED_HOSTS": f"127.0.0.1,{HOST}",
            "DATABASE_URL": f"postgres://{PG_USER}@{PG_HOST}:{PG_PORT}/{database}",
            "CACHE_URL": f"redis://{REDIS_HOST}:{REDIS_PORT}/{REDIS_DB}",
            "CACHE_KEY_PREFIX": key_prefix,
        }
    )
    return env


def clean_env():
    """This process's environment without anything that would pick another site's settings."""
    prefixes = ("DJANGO_", "DATABASE_URL", "CACHE_", "PYTEST", "PYTHONPATH", "FRONTEND_")
    return {key: value for key, value in os.environ.items() if not key.startswith(prefixes)}


def fingerprint(*folders, files=()):
    """A digest of what a database is built from: the migrations and demo builders under
    `folders`, the `files` that add data, and the Wagtail and Django versions. A reused
    database whose fingerprint differs is built again."""
    import django
    import wagtail

    digest = hashlib.sha256(f"{wagtail.__version__} {django.__version__}".encode())
    for folder in folders:
        for path in sorted(folder.rglob("*.py")):
            if {"migrations", "demo"} & set(path.parts) or path.stem in ("demo", "fictional"):
                digest.update(str(path.relative_to(ROOT)).encode() + path.read_bytes())
    for path in files:
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def on_server(sql, *params):
    """Run `sql` on the server's maintenance database; its first row, if it returns rows."""
    import psycopg

    with psycopg.connect(admin_dsn(), autocommit=True, connect_timeout=5) as connection:
        cursor = connection.execute(sql, params or None)
        return cursor.fetchone() if cursor.description else None


def create_database(name, reuse, digest):
    """Keep `name` when reusing a database built from the same sources (`digest`), else make
    it anew; True when it was made empty."""
    built_from = on_server(
        "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = %s", name
    )
    if reuse and built_from == (digest,):
        return False
    on_server(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    on_server(f'CREATE DATABASE "{name}"')
    return True


def mark_built(name, digest):
    """Label a database as complete, built from `digest`: only then may --reuse reuse it."""
    on_server(f"COMMENT ON DATABASE \"{name}\" IS '{digest}'")


# --- Building the sites --------------------------------------------------------------------------


def static_current(manifest):
    """Whether a kept collectstatic (--reuse) is newer than every static file of the site
    and than the last package installed: collecting again takes a busy machine 20 s."""
    import django

    if not manifest.exists():
        return False
    sources = [
        path
        for folder in (ROOT / "home", ROOT / "campaigns")
        for path in folder.rglob("*")
        if "static" in path.parts and path.is_file()
    ]
    packages = Path(django.__path__[0]).parent  # site-packages: each install touches it
    newest = max([packages.stat().st_mtime, *(path.stat().st_mtime for path in sources)])
    return manifest.stat().st_mtime > newest


class Background:
    """A command run beside this process's own work (collectstatic, the bare site's migrate),
    or nothing (command None); `finish()` waits for it and raises if it failed."""

    def __init__(self, what, command, env, cwd, log_path):
        self.what, self.log_path, self.process = what, log_path, None
        if command:
            with open(log_path, "w") as output:
                self.process = subprocess.Popen(  # noqa: S603 - our own interpreter
                    command, cwd=cwd, env=env, stdout=output, stderr=subprocess.STDOUT
                )

    def finish(self):
        if self.process and self.process.wait(timeout=600):
            raise RuntimeError(f"{self.what} failed:\n{tail(self.log_path)}")


def build_site(args, static_collected):
    """Migrate, load the demo unless a reused database has it, count its queries, add the data.

    `static_collected` waits for collectstatic: production's pages need its manifest. Returns
    the demo-size query counts ({} when a reused database already held the demo)."""
    from django.core.management import call_command

    from bench import cases
    from campaigns.models import CaseIndexPage

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    log(f"  site migrated in {time.perf_counter() - started:.0f} s")
    demo_queries = {}
    if not CaseIndexPage.objects.exists():
        started = time.perf_counter()
        call_command("load_demo", stdout=io.StringIO())
        log(f"  demo loaded in {time.perf_counter() - started:.0f} s")
        static_collected()
        reload_static_manifest()
        demo_queries = {name: figures[2:] for name, figures in count_queries().items()}
    started = time.perf_counter()
    cases.add_cases(args.cases, updates_each=args.updates)
    cases.add_posts(args.posts)
    log(f"  data ready in {time.perf_counter() - started:.0f} s")
    return demo_queries


def reload_static_manifest():
    """The demo's loading may have opened the static files' storage before collectstatic
    wrote its manifest; that storage keeps the manifest it read when it opened, so read it
    again, or every page asks for a file the empty manifest does not name."""
    from django.contrib.staticfiles.storage import staticfiles_storage

    staticfiles_storage.hashed_files, staticfiles_storage.manifest_hash = (
        staticfiles_storage.load_manifest()
    )


@contextlib.contextmanager
def purges_unheard():
    """While the data is built, Varnish is not running yet: each publish's purges are refused
    at once, and need no error line each."""
    logger = logging.getLogger("wagtail.frontendcache")
    logger.disabled = True
    try:
        yield
    finally:
        logger.disabled = False


def count_queries():
    """{page: (status, most, warm, after a publish, other languages)}: the SQL queries of one
    request after a warm-up one, of one after a publish elsewhere (every fragment drawn
    afresh: the content generation bumped), and the most of both in each other language
    (/ru/, /kk/); `most` is the largest of all, what the budget holds."""
    from django.conf import settings
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections, connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from home.fragments import bump_generation

    # One connection for all the requests, as a long-lived app server process keeps.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    client = Client(HTTP_HOST=HOST)

    def measured(path, publish=False):
        if publish:
            bump_generation()
        with CaptureQueriesContext(connection) as queries:
            status = client.get(path).status_code
        return status, len(queries)

    others = [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]
    counts = {}
    for name, path in PAGES.items():
        client.get(path)
        status, warm = measured(path)
        _, fresh = measured(path, publish=True)
        languages = 0
        for code in others:
            client.get(f"/{code}{path}")
            languages = max(
                languages,
                measured(f"/{code}{path}")[1],
                measured(f"/{code}{path}", publish=True)[1],
            )
        counts[name] = (status, max(warm, fresh, languages), warm, fresh, languages)
    return counts


def bare_queries(env):
    result = subprocess.run(  # noqa: S603 - our own interpreter
        [sys.executable, "-c", BARE_QUERIES % HOST],
        cwd=BARE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    if result.returncode:
        raise RuntimeError(f"the bare site's query count failed:\n{result.stderr[-3000:]}")
    status, count = result.stdout.split()
    return int(status), int(count)


# --- Servers -------------------------------------------------------------------------------------


# gunicorn's sync workers per server, as the issue compares the sites.
WORKERS = 2


class Servers(contextlib.ExitStack):
    """Every process the run starts, stopped on exit whatever happened."""

    def gunicorn(self, name, module, env, cwd, workdir):
        """Start gunicorn as the issue compares the sites: 2 sync workers, no access log."""
        port = free_port()
        log_path = workdir / f"{name}.log"
        with open(log_path, "w") as output:
            process = subprocess.Popen(  # noqa: S603 - our own interpreter
                [
                    sys.executable,
                    "-m",
                    "gunicorn",
                    module,
                    "--bind",
                    f"127.0.0.1:{port}",
                    "--workers",
                    str(WORKERS),
                    "--worker-class",
                    "sync",
                    "--preload",  # one import per server, not per worker: they start sooner
                    "--backlog",
                    "2048",
                    "--timeout",
                    "60",
                    "--error-logfile",
                    "-",
                ],
                cwd=cwd,
                env=env,
                stdout=output,
                stderr=subprocess.STDOUT,
            )
        self.callback(stop, process)
        return SimpleNamespace(name=name, port=port, process=process, log=log_path)

    def varnish(self, workdir, backends, port):
        from campaigns.edge.vcl import render_vcl

        vcl = workdir / "default.vcl"
        vcl.write_text(
            render_vcl([("127.0.0.1", s.port) for s in backends], ["127.0.0.1"], probe_host=HOST)
        )
        log_path = workdir / "varnish.log"
        with open(log_path, "w") as output:
            process = subprocess.Popen(  # noqa: S603
                [
                    shutil.which("varnishd"),
                    "-F",
                    "-j",
                    "none",  # no privilege separation: runs as whoever runs the bench
                    "-n",
                    str(workdir / "varnish"),
                    "-a",
                    f"127.0.0.1:{port}",
                    "-T",
                    "none",
                    "-f",
                    str(vcl),
                    "-s",
                    "malloc,256m",
                ],
                stdout=output,
                stderr=subprocess.STDOUT,
            )
        self.callback(stop, process)
        server = SimpleNamespace(name="varnish", port=port, process=process, log=log_path)
        wait_ready(server, "/healthz/")
        return server

    def nginx(self, workdir, pages):
        """nginx serving each of `pages` ({path: html bytes}) as a static index.html."""
        base = workdir / "nginx"
        for path, html in pages.items():
            folder = base / "root" / path.strip("/")
            folder.mkdir(parents=True, exist_ok=True)
            (folder / "index.html").write_bytes(html)
            # Stored compressed, as Varnish stores what it compresses (at its default level).
            (folder / "index.html.gz").write_bytes(gzip.compress(html, compresslevel=6))
        port = free_port()
        temp = base / "temp"
        temp.mkdir(parents=True, exist_ok=True)
        conf = base / "nginx.conf"
        conf.write_text(
            "daemon off;\n"
            "worker_processes auto;\n"
            f"pid {base / 'nginx.pid'};\n"
            f"error_log {base / 'error.log'} warn;\n"
            "events { worker_connections 1024; }\n"
            "http {\n"
            "    access_log off;\n"
            "    default_type text/html;\n"
            "    gzip on;  # as Varnish compresses the app's HTML\n"
            "    gzip_static on;\n"
            f"    client_body_temp_path {temp};\n"
            f"    proxy_temp_path {temp};\n"
            f"    fastcgi_temp_path {temp};\n"
            f"    uwsgi_temp_path {temp};\n"
            f"    scgi_temp_path {temp};\n"
            "    server {\n"
            f"        listen 127.0.0.1:{port};\n"
            f"        root {base / 'root'};\n"
            "        index index.html;\n"
            "    }\n"
            "}\n"
        )
        log_path = base / "stdout.log"
        with open(log_path, "w") as output:
            process = subprocess.Popen(  # noqa: S603
                [shutil.which("nginx"), "-c", str(conf), "-p", str(base)],
                stdout=output,
                stderr=subprocess.STDOUT,
            )
        self.callback(stop, process)
        server = SimpleNamespace(name="nginx", port=port, process=process, log=base / "error.log")
        wait_ready(server, next(iter(pages)))
        return server


def wait_ready(server, path, timeout=90):
    deadline = time.monotonic() + timeout
    while True:
        with contextlib.suppress(OSError, http.client.HTTPException):
            if get(server.port, path, timeout=2).status == 200:
                return
        if server.process.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError(f"{server.name} did not start:\n{tail(server.log)}")
        time.sleep(0.2)


def get(port, path, timeout=30):
    """One GET with the site's Host, uncompressed: (status, body, headers) as a namespace."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request("GET", path, headers={"Host": HOST})
        response = connection.getresponse()
        return SimpleNamespace(
            status=response.status, body=response.read(), headers=dict(response.getheaders())
        )
    finally:
        connection.close()


# --- CPU from /proc -------------------------------------------------------------------------


def workers_cpu(master):
    """Seconds of CPU (user + system) used so far by the worker processes of a gunicorn."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2 :].split()  # after "pid (comm) "
        if int(fields[1]) == master.pid:  # ppid
            total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / ticks


def cpu_per_request(server, path, requests):
    """(status, bytes, CPU ms per request) of `requests` sequential GETs, after warm-ups
    that reach every worker: WORKERS requests at once, three times (a sync worker busy with
    one leaves the next to another). Sequential warm-ups could all land on one worker, and
    the other's first request (templates compiled, modules imported) was then counted."""
    with ThreadPoolExecutor(WORKERS) as pool:
        for _ in range(3):
            response = list(pool.map(lambda _: get(server.port, path), range(WORKERS)))[0]
    before = workers_cpu(server.process)
    for _ in range(requests):
        get(server.port, path)
    used = workers_cpu(server.process) - before
    return response.status, len(response.body), used * 1000 / requests


# --- wrk -----------------------------------------------------------------------------------------


def wrk(port, path, seconds, connections):
    """wrk's figures for one URL: requests/s, requests, non-2xx/3xx and socket errors."""
    return parse_wrk(
        subprocess.run(  # noqa: S603
            wrk_command(port, path, seconds, connections),
            capture_output=True,
            text=True,
            timeout=seconds + 60,
            check=True,
        ).stdout
    )


def wrk_command(port, path, seconds, connections):
    return [
        shutil.which("wrk"),
        "--threads",
        str(min(2, connections)),
        "--connections",
        str(connections),
        "--duration",
        f"{seconds}s",
        "--timeout",
        "10s",
        "--header",
        f"Host: {HOST}",
        "--header",
        "Accept-Encoding: gzip",
        f"http://127.0.0.1:{port}{path}",
    ]


def parse_wrk(output):
    def number(pattern):
        found = re.search(pattern, output)
        return float(found.group(1)) if found else 0.0

    socket = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    return SimpleNamespace(
        rate=number(r"Requests/sec:\s+([\d.]+)"),
        requests=int(number(r"(\d+) requests in")),
        non_2xx=int(number(r"Non-2xx or 3xx responses: (\d+)")),
        socket_errors=sum(int(n) for n in socket.groups()) if socket else 0,
    )


def load_figures(app, edge, static, path, seconds, connections):
    """(a) app, (b) edge, (c) static for one page, with the app's CPU per request under (a)."""
    before = workers_cpu(app.process)
    direct = wrk(app.port, path, seconds, connections)
    cpu_ms = (workers_cpu(app.process) - before) * 1000 / max(direct.requests, 1)
    cached, cache_state = None, "-"
    if edge:
        get(edge.port, path)  # the first request fills the cache
        cache_state = get(edge.port, path).headers.get("X-Cache", "?")
        cached = wrk(edge.port, path, seconds, connections)
    served = wrk(static.port, path, seconds, connections) if static else None
    return SimpleNamespace(
        direct=direct, cached=cached, static=served, cpu_ms=cpu_ms, cache_state=cache_state
    )


# --- Freshness -----------------------------------------------------------------------------------


def publish_update(title):
    """Publish an update of FRESH_CASE as an editor would: a new revision, published."""
    import datetime

    from django.db import transaction

    from campaigns.models import CasePage, CaseUpdate
    from home.demo.blocks import source

    committed = []
    page = CasePage.objects.get(slug=FRESH_CASE, locale__language_code="en")
    page.updates.add(
        CaseUpdate(
            date=datetime.date.today(),
            title=title,
            body="<p>Benchmark update: published while the page was under load.</p>",
            sources=[source("Benchmark", "bench/edge.py")],
        )
    )
    with transaction.atomic():
        # The first callback after the commit: the moment the new page is in the database,
        # before any purge that the publish leaves to after the commit.
        transaction.on_commit(lambda: committed.append(time.perf_counter()))
        page.save_revision().publish()
    return committed[0]


def withdraw_update(title):
    """Take the benchmark's update off again, so that a reused database stays the same."""
    from campaigns.models import CasePage, CaseUpdate

    CaseUpdate.objects.filter(title=title).delete()
    CasePage.objects.get(slug=FRESH_CASE, locale__language_code="en").save_revision().publish()


def freshness(edge, apps, seconds, connections):
    """Publish an update while wrk loads the case page through Varnish; how soon it shows."""
    path = PAGES["case"]
    title = f"Bench update {secrets.token_hex(4)}"
    duration = max(seconds, 3)
    load = subprocess.Popen(  # noqa: S603
        wrk_command(edge.port, path, duration, connections),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        time.sleep(min(1.0, duration / 3))
        started = time.perf_counter()
        committed = publish_update(title)
        published = time.perf_counter() - started
        visible = poll(edge.port, path, title.encode(), committed, timeout=10)
        on_apps = [title.encode() in get(app.port, path).body for app in apps]
        output, _ = load.communicate(timeout=duration + 60)
    finally:
        if load.poll() is None:
            load.kill()
            load.wait()
        withdraw_update(title)
    return SimpleNamespace(
        published=published,
        committed=committed - started,
        visible=visible,
        on_apps=on_apps,
        load=parse_wrk(output),
    )


def poll(port, path, marker, started, timeout):
    """Seconds from `started` until `path` shows `marker`, or None after `timeout`."""
    while time.perf_counter() - started < timeout:
        if marker in get(port, path).body:
            return time.perf_counter() - started
        time.sleep(0.01)
    return None


# --- Report --------------------------------------------------------------------------------------


def print_pages(counts, demo_counts, cpu, bare):
    bare_status, bare_count, bare_cpu = bare
    bare_ms = max(bare_cpu[2], 0.1)
    log(
        "\nqueries: one request in this process: warm (after a warm-up), after a publish "
        "elsewhere (fragments drawn afresh), the most of both in /ru/ and /kk/ (other), "
        "and warm/publish/other with the demo alone (before the data was added); "
        "CPU: the gunicorn workers' CPU time per request, sequential requests"
    )
    log(
        f"{'page':11} {'URL':31} {'status':>6} {'KB':>6} {'warm':>5} {'publ.':>5} "
        f"{'other':>5} {'demo':>8} {'x bare':>6} {'CPU ms':>7} {'x bare':>7}"
    )
    log(
        f"{'bare home':11} {'/ (wagtail start)':31} {bare_status:>6} {bare_cpu[1] / 1024:>6.1f} "
        f"{bare_count:>5} {'-':>5} {'-':>5} {'-':>8} {1:>6.1f} {bare_cpu[2]:>7.1f} {1:>7.1f}"
    )
    for name, path in PAGES.items():
        status, most, warm, fresh, other = counts[name]
        _, size, cpu_ms = cpu[name]
        demo = "/".join(str(n) for n in demo_counts[name]) if name in demo_counts else "-"
        short = path if len(path) <= 31 else path[:30] + "…"
        log(
            f"{name:11} {short:31} {status:>6} {size / 1024:>6.1f} {warm:>5} {fresh:>5} "
            f"{other:>5} {demo:>8} {warm / max(bare_count, 1):>6.1f} {cpu_ms:>7.1f} "
            f"{cpu_ms / bare_ms:>7.1f}"
        )


def print_load(loads, seconds, connections):
    log(
        f"\nwrk, {connections} connections, {seconds} s, gzip: requests/s "
        "(a) one app server, (b) Varnish before two, (c) nginx with the same HTML"
    )
    log(
        f"{'page':9} {'(a) app':>9} {'(b) edge':>9} {'(c) static':>10} {'b/c':>6} {'a/c':>7} "
        f"{'errors a/b/c':>13} {'edge':>5} {'app CPU ms':>10}"
    )
    for name, load in loads.items():
        rates = [run.rate if run else None for run in (load.direct, load.cached, load.static)]
        errors = "/".join(
            str(errors_of(run)) if run else "-" for run in (load.direct, load.cached, load.static)
        )
        cells = [f"{rate:>9.0f}" if rate is not None else f"{'-':>9}" for rate in rates]
        static = rates[2]
        b_c = f"{rates[1] / static:>6.2f}" if static and rates[1] is not None else f"{'-':>6}"
        a_c = f"{rates[0] / static:>7.4f}" if static else f"{'-':>7}"
        log(
            f"{name:9} {cells[0]} {cells[1]} {cells[2]:>10} {b_c} {a_c} {errors:>13} "
            f"{load.cache_state:>5} {load.cpu_ms:>10.1f}"
        )


def print_freshness(fresh):
    if fresh.visible is None:
        seen = "did not serve it within 10 s of the commit"
    else:
        seen = f"served it {fresh.visible:.2f} s after the commit"
    log(
        f"\nfreshness: an update of {PAGES['case']} published while wrk loads it through Varnish "
        f"(the publish took {fresh.published:.2f} s, committed after {fresh.committed:.2f} s): "
        f"Varnish {seen}; app servers 1/2 serve it: {yes_no(fresh.on_apps)}; "
        f"the load's errors: {errors_of(fresh.load)} of {fresh.load.requests} requests"
    )


def yes_no(flags):
    return "/".join("yes" if flag else "no" for flag in flags)


def errors_of(run):
    return run.non_2xx + run.socket_errors


def check_targets(counts, demo_counts, cpu, loads, fresh):
    """[(target, figure, met or None when not measured, how far off)]."""
    rows = []
    worst = max(counts, key=lambda name: counts[name][1])
    most = counts[worst][1]
    rows.append(
        (
            f"<= {MAX_QUERIES} queries on every page (warm, after a publish, en/ru/kk)",
            f"{most} ({worst})",
            most <= MAX_QUERIES,
            f"{most - MAX_QUERIES} too many" if most > MAX_QUERIES else "",
        )
    )
    if demo_counts:
        grew = {
            name: counts[name][1] - max(demo_counts[name])
            for name in PAGES
            if tuple(counts[name][2:]) != tuple(demo_counts[name])
        }
        rows.append(
            (
                "queries constant from the demo to the full data",
                ", ".join(f"{n} {d:+d}" for n, d in grew.items()) or "equal",
                not grew,
                f"{len(grew)} page(s) differ" if grew else "",
            )
        )
    else:
        rows.append(
            (
                "queries constant from the demo to the full data",
                "not measured (reused database)",
                None,
                "",
            )
        )
    for name, limit in MAX_CPU_MS.items():
        used = cpu[name][2]
        rows.append(
            (
                f"<= {limit:.0f} ms app CPU per request, {name}",
                f"{used:.1f} ms",
                used <= limit,
                f"{used - limit:.1f} ms ({used / limit:.1f}x) over" if used > limit else "",
            )
        )
    for name, load in loads.items():
        if load.cached and load.static:
            share = load.cached.rate / load.static.rate
            rows.append(
                (
                    f"(b) >= {MIN_EDGE_SHARE:.0%} of (c), {name}",
                    f"{share:.0%}",
                    share >= MIN_EDGE_SHARE,
                    f"{MIN_EDGE_SHARE - share:.0%} short" if share < MIN_EDGE_SHARE else "",
                )
            )
        else:
            rows.append((f"(b) >= {MIN_EDGE_SHARE:.0%} of (c), {name}", "not measured", None, ""))
    if fresh:
        seen = fresh.visible
        rows.append(
            (
                f"publish visible through Varnish < {MAX_FRESH_SECONDS:.0f} s after commit",
                f"{seen:.2f} s" if seen is not None else "not within 10 s",
                seen is not None and seen < MAX_FRESH_SECONDS,
                ""
                if seen is not None and seen < MAX_FRESH_SECONDS
                else (
                    f"{seen - MAX_FRESH_SECONDS:.2f} s late" if seen is not None else "never seen"
                ),
            ),
        )
        rows.append(
            (
                "both app servers serve the update",
                "/".join("yes" if seen else "no" for seen in fresh.on_apps),
                all(fresh.on_apps),
                "" if all(fresh.on_apps) else "an app server serves the old page",
            )
        )
    else:
        rows.append(
            (
                f"publish visible through Varnish < {MAX_FRESH_SECONDS:.0f} s after commit",
                "not measured",
                None,
                "",
            )
        )
    errors = sum(1 for status, *_ in counts.values() if status != 200)
    runs = [
        run for load in loads.values() for run in (load.direct, load.cached, load.static) if run
    ]
    if fresh:
        runs.append(fresh.load)
    errors += sum(errors_of(run) for run in runs)
    rows.append(
        (
            "no errors (pages not 200, non-2xx, socket errors)",
            str(errors),
            errors == 0,
            f"{errors} error(s)" if errors else "",
        )
    )
    return rows


def print_targets(rows):
    log(f"\n{'target':52} {'figure':>28}  result")
    for target, figure, met, off in rows:
        result = "not measured" if met is None else ("pass" if met else f"MISS: {off}")
        log(f"{target:52} {figure:>28}  {result}")


# --- Main ----------------------------------------------------------------------------------------


def main(argv=None):
    parser = argparse.ArgumentParser(
        prog="python -m bench edge",
        description=__doc__.splitlines()[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--cases", type=int, default=1000, help="cases in the list (1,000)")
    parser.add_argument("--updates", type=int, default=10, help="updates per added case (10)")
    parser.add_argument("--posts", type=int, default=1000, help="blog posts (1,000)")
    parser.add_argument("--seconds", type=int, default=20, help="length of each wrk run (20)")
    parser.add_argument("--connections", type=int, default=16, help="wrk's connections (16)")
    parser.add_argument(
        "--requests", type=int, default=30, help="sequential requests per page for CPU (30)"
    )
    parser.add_argument("--database", default="bench_edge", help="the site's scratch database")
    parser.add_argument("--bare-database", default="bench_bare", help="the bare site's database")
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="keep the databases, and reuse them while built from the same migrations, demo "
        "and generator (topped up to --cases and --posts)",
    )
    args = parser.parse_args(argv)

    missing = [tool for tool in TOOLS if shutil.which(tool) is None]
    if missing:
        message = f"not installed: {', '.join(missing)} (apt-get install varnish wrk nginx-light)"
        if os.environ.get("CI") == "true":
            sys.exit(message)
        log(f"{message}: those parts are skipped")
    try:
        check_services()
    except Unavailable as error:
        sys.exit(str(error))
    return run(args, missing)


def run(args, missing):
    # A fixed place, so that --reuse finds the media the database refers to.
    workdir = Path(tempfile.gettempdir()) / args.database
    workdir.mkdir(parents=True, exist_ok=True)
    key_prefix = f"bench-edge-{secrets.token_hex(4)}"
    varnish_port = free_port()
    env = site_env(workdir, args.database, key_prefix, f"http://127.0.0.1:{varnish_port}")
    bare = bare_env(args.bare_database, key_prefix + "-bare")
    (workdir / "edgesettings.py").write_text(SETTINGS)
    try:
        counts, demo_counts, bare_counts = prepare(args, workdir, env, bare)
        with Servers() as servers:
            rows = measure(
                args, missing, servers, env, bare, workdir, counts, demo_counts, bare_counts
            )
        return 1 if any(met is False for _, _, met, _ in rows) else 0
    finally:
        for prefix in (key_prefix, key_prefix + "-bare"):
            with contextlib.suppress(Exception):
                clear_redis(prefix, db=REDIS_DB)
        if not args.reuse:
            drop_scratch(args, workdir)


def prepare(args, workdir, env, bare):
    """Build (or reuse) both sites' databases and the static files; the query counts of the
    site's pages (with all the data and, when the demo was loaded now, with the demo alone)
    and of the bare home page."""
    started = time.perf_counter()
    site_digest = fingerprint(ROOT / "home", ROOT / "campaigns", files=[ROOT / "bench/cases.py"])
    bare_digest = fingerprint(BARE_DIR)
    fresh = create_database(args.database, args.reuse, site_digest)
    bare_fresh = create_database(args.bare_database, args.reuse, bare_digest)
    log(
        f"Databases {args.database} ({'new' if fresh else 'reused'}) and {args.bare_database} "
        f"({'new' if bare_fresh else 'reused'}); work files in {workdir}"
    )
    # These two run beside the site's own migrations.
    collect = [sys.executable, "manage.py", "collectstatic", "--no-input", "-v0"]
    if static_current(workdir / "static" / "staticfiles.json"):
        collect = None
    static = Background("collectstatic", collect, env, ROOT, workdir / "collectstatic.log")
    bare_migrate = Background(
        "the bare site's migrate",
        [sys.executable, "-m", "django", "migrate", "-v0"],
        bare,
        BARE_DIR,
        workdir / "bare-migrate.log",
    )
    os.environ.update(env)
    sys.path.insert(0, str(workdir))  # where edgesettings is, as PYTHONPATH says for gunicorn
    import django

    django.setup()
    with purges_unheard():
        demo_counts = build_site(args, static.finish)
    mark_built(args.database, site_digest)
    static.finish()
    reload_static_manifest()
    bare_migrate.finish()
    mark_built(args.bare_database, bare_digest)
    log(f"Sites ready in {time.perf_counter() - started:.0f} s")
    return count_queries(), demo_counts, bare_queries(bare)


def drop_scratch(args, workdir):
    from django.db import connections

    connections.close_all()
    drop_database(args.database)
    drop_database(args.bare_database)
    shutil.rmtree(workdir, ignore_errors=True)


def measure(args, missing, servers, env, bare, workdir, counts, demo_counts, bare_counts):
    varnish_port = int(env["FRONTEND_CACHE_URLS"].rpartition(":")[2])
    started = time.perf_counter()
    apps = [servers.gunicorn(f"app{n}", "settings.wsgi", env, ROOT, workdir) for n in (1, 2)]
    bare_site = servers.gunicorn("bare", "bare.wsgi", bare, BARE_DIR, workdir)
    for server, path in ((apps[0], "/healthz/"), (apps[1], "/healthz/"), (bare_site, "/")):
        wait_ready(server, path)  # all three start at once: each takes seconds to import
    ports = ", ".join(str(app.port) for app in apps)
    log(
        f"gunicorn: app servers on {ports}, the bare site on {bare_site.port} "
        f"({time.perf_counter() - started:.0f} s)"
    )
    cpu = {name: cpu_per_request(apps[0], path, args.requests) for name, path in PAGES.items()}
    bare_cpu = cpu_per_request(bare_site, "/", args.requests)
    print_pages(counts, demo_counts, cpu, (*bare_counts, bare_cpu))

    edge = servers.varnish(workdir, apps, varnish_port) if "varnishd" not in missing else None
    static = None
    if "nginx" not in missing:
        static = servers.nginx(
            workdir, {PAGES[name]: get(apps[0].port, PAGES[name]).body for name in LOADED_PAGES}
        )
    loads, fresh = {}, None
    if "wrk" in missing:
        log("\nwrk is not installed: no throughput or freshness figures")
    else:
        for name in LOADED_PAGES:
            loads[name] = load_figures(
                apps[0], edge, static, PAGES[name], args.seconds, args.connections
            )
        print_load(loads, args.seconds, args.connections)
        if edge:
            fresh = freshness(edge, apps, args.seconds, args.connections)
            print_freshness(fresh)
    rows = check_targets(counts, demo_counts, cpu, loads, fresh)
    print_targets(rows)
    log(f"\n{os.cpu_count()} CPUs; server, wrk, Varnish and nginx share them")
    return rows
