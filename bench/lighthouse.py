"""Lighthouse scores of the demo's landing pages, against the issue's targets.

    .venv/bin/python -m bench lighthouse [--keep-going] [--details]

Builds the demo on a scratch SQLite database (`migrate` + `load_demo`, as `make run`) and
serves it as production does: `settings.production` (DEBUG off, WhiteNoise's compressed,
hashed static files, the strict CSP) under gunicorn, over plain HTTP on 127.0.0.1 (so no
TLS redirect or HSTS) and with the media served by Django, as a CDN would in front of S3.
Then npm's `lighthouse` (installed into bench/.lighthouse/ on first use) drives Debian's
chromium over the home, case, post and petition pages with its default mobile profile,
and prints the four scores per page and how far each falls short of its target.
`--details` lists the audits that cost points.
"""

import argparse
import base64
import json
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from bench.servers import free_port, manage, stop, tail, wait_healthy

ROOT = Path(__file__).resolve().parents[1]
LIGHTHOUSE_DIR = ROOT / "bench" / ".lighthouse"
TARGETS = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}
PAGES = {
    "home": "/",
    "case": "/cases/mukhtar-ablyazov/",
    "post": "/blog/kazakhstan-political-prisoners-and-human-rights/",
    "petition": "/act/reform-inciting-discord/",
}
SETTINGS = """
import os
from pathlib import Path

from settings.production import *  # noqa: F403

STATIC_ROOT = Path(os.environ["LIGHTHOUSE_DIR"]) / "static"
ROOT_URLCONF = "lighthouse_urls"
"""
# Media as a CDN in front of S3 would serve it: production's Django does not.
URLS = """
from django.conf import settings
from django.urls import re_path
from django.views.static import serve

from settings.urls import urlpatterns as site

urlpatterns = [
    re_path(r"^media/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT}),
    *site,
]
"""


def lighthouse_command():
    """The lighthouse CLI, installed with npm into bench/.lighthouse/ when missing."""
    binary = LIGHTHOUSE_DIR / "node_modules" / ".bin" / "lighthouse"
    if binary.exists():
        return str(binary)
    if shutil.which("npm") is None:
        sys.exit("npm is not installed (apt-get install -y npm): lighthouse comes from it")
    npm = shutil.which("npm")
    if subprocess.run([npm, "ping"], capture_output=True, timeout=60).returncode:  # noqa: S603
        sys.exit("the npm registry is not reachable: cannot install lighthouse")
    print("installing lighthouse into bench/.lighthouse/ ...", flush=True)
    subprocess.run(  # noqa: S603
        [
            npm,
            "install",
            "--prefix",
            str(LIGHTHOUSE_DIR),
            "--no-audit",
            "--no-fund",
            "lighthouse",
        ],
        check=True,
        timeout=600,
    )
    return str(binary)


def demo_env(workdir, port, production):
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_URL", "CACHE_URL", "PYTEST"))
    }
    env.update(
        {
            "PYTHONUNBUFFERED": "1",
            "DATABASE_URL": f"sqlite:///{workdir / 'db.sqlite3'}",
            "MEDIA_ROOT": str(workdir / "media"),
            "BASE_URL": f"http://127.0.0.1:{port}",
            "PORT": str(port),
            "EMAIL_URL": "consolemail://",
        }
    )
    if not production:
        env.update({"DJANGO_SETTINGS_MODULE": "settings.dev", "DEBUG": "true"})
        return env
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "lighthouse_settings",
            "PYTHONPATH": os.pathsep.join([str(workdir), str(ROOT)]),
            "LIGHTHOUSE_DIR": str(workdir),
            "SECRET_KEY": secrets.token_urlsafe(64),
            "CLIENT_HASH_KEY": secrets.token_urlsafe(48),
            "OPEN_DATA_SIGNING_KEY": base64.b64encode(secrets.token_bytes(32)).decode(),
            "ALLOWED_HOSTS": "127.0.0.1",
            "SECURE_SSL_REDIRECT": "false",
            "SECURE_HSTS_SECONDS": "0",
        }
    )
    return env


def serve_demo(workdir, port):
    """Build the demo into `workdir` and start gunicorn on `port`; returns the process."""
    (workdir / "lighthouse_settings.py").write_text(SETTINGS)
    (workdir / "lighthouse_urls.py").write_text(URLS)
    print("building the demo (migrate, load_demo, collectstatic) ...", flush=True)
    build = demo_env(workdir, port, production=False)
    manage(build, "migrate", "--no-input", "-v0")
    manage(build, "load_demo")
    env = demo_env(workdir, port, production=True)
    manage(env, "collectstatic", "--no-input", "-v0")
    log_path = workdir / "gunicorn.log"
    with open(log_path, "w") as log:
        process = subprocess.Popen(  # noqa: S603
            [
                sys.executable,
                "-m",
                "gunicorn",
                "settings.wsgi",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                "2",
                "--access-logfile",
                "-",
            ],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    wait_healthy(f"http://127.0.0.1:{port}", process, log_path)
    return process


def audit(command, url, chromium, attempts=3):
    """Lighthouse's report of `url` (its JSON, parsed). On a busy machine chromium now and
    then loses the trace (NO_NAVSTART): such a run is tried again, up to `attempts` times."""
    for attempt in range(1, attempts + 1):
        try:
            return run_lighthouse(command, url, chromium)
        except RuntimeError:
            if attempt == attempts:
                raise
            print(f"    lighthouse failed on {url}, trying again", flush=True)
    return None


def run_lighthouse(command, url, chromium):
    result = subprocess.run(  # noqa: S603
        [
            command,
            url,
            "--output=json",
            "--output-path=stdout",
            "--quiet",
            "--only-categories=" + ",".join(TARGETS),
            "--chrome-flags=--headless --no-sandbox --disable-gpu",
        ],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "CHROME_PATH": chromium},
    )
    if result.returncode:
        raise RuntimeError(f"lighthouse failed on {url}:\n{result.stderr[-3000:]}")
    return json.loads(result.stdout)


def scores(report):
    return {key: round(report["categories"][key]["score"] * 100) for key in TARGETS}


def costly_audits(report):
    """[(category, audit title, score)] of the weighted audits that did not pass."""
    found = []
    for key in TARGETS:
        for ref in report["categories"][key]["auditRefs"]:
            result = report["audits"][ref["id"]]
            if ref["weight"] and result["score"] is not None and result["score"] < 1:
                found.append((key, result["title"], result["score"]))
    return found


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--details", action="store_true", help="list the audits that failed")
    args = parser.parse_args(argv)
    chromium = shutil.which("chromium")
    if chromium is None:
        sys.exit("Debian's chromium is not installed (apt-get install -y chromium)")
    command = lighthouse_command()
    port = free_port()
    with tempfile.TemporaryDirectory(prefix="lighthouse-") as tmp:
        workdir = Path(tmp)
        process = serve_demo(workdir, port)
        try:
            header = "".join(f"{key:>16}" for key in TARGETS)
            print(f"{'page':10}{header}")
            misses = 0
            for name, path in PAGES.items():
                report = audit(command, f"http://127.0.0.1:{port}{path}", chromium)
                got = scores(report)
                cells = []
                for key, target in TARGETS.items():
                    short = target - got[key]
                    misses += short > 0
                    cells.append(
                        f"{got[key]:>5}" + (f" (-{short})" if short > 0 else "").ljust(11)
                    )
                print(f"{name:10}" + "".join(cells), flush=True)
                if args.details:
                    for key, title, score in costly_audits(report):
                        print(f"    {key}: {title} ({score:.2f})")
        except RuntimeError as error:
            print(error, "\n", tail(workdir / "gunicorn.log"), file=sys.stderr)
            return 1
        finally:
            stop(process)
    targets = ", ".join(f"{key} >= {target}" for key, target in TARGETS.items())
    print(f"{misses} score(s) below target ({targets})")
    return 1 if misses else 0
