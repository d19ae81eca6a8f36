"""Faults under load: the database cut and black-holed, the mail server down, while
supporters sign a petition; prints what they got and what was lost.

    .venv/bin/python -m bench faults        (DB cut 3 s, DB black-holed 10 s, SMTP down 10 s)
    .venv/bin/python -m bench.faults --clients 8 --blackhole 20

The site runs as in production (deploy/): gunicorn with deploy/gunicorn.conf.py (when
present) and `manage.py email_worker`, on a scratch PostgreSQL database and Redis db 14,
set up by bench.servers' helpers. Both reach PostgreSQL through a TcpProxy
(tests/faults/proxy.py) and the worker reaches a real SMTP server (aiosmtpd) through
another, so a fault is a proxy's cut() or blackhole() and restore(). For each fault,
client threads sign the petition without pause (each signer a new address) before,
during and after it, and the table gives:

- sent: sign requests made; ok: answered 303 (the signature counts); 5xx: error pages;
  no answer: connection failures or client timeouts (none expected);
- lost: signers told "ok" whose signature row is missing after recovery (must be 0);
- slowest: the longest a failed request took (what a supporter waited for an error
  page), and the longest any request took;
- downtime: from the first failed request to the end of the last one; recovery: from
  restore() to the first success after it;
- email: confirmation emails queued, and received by the SMTP server once the worker
  drained the queue (each address once: "dup" counts addresses that got two).

tests/faults/test_database_faults.py runs shorter faults through the same code and asserts
on them.
"""

import argparse
import contextlib
import email
import email.policy
import http.client
import itertools
import logging
import os
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

from aiosmtpd.controller import Controller

from bench.servers import (
    PG_HOST,
    PG_PORT,
    PG_USER,
    PROXY_HEADERS,
    REDIS_HOST,
    REDIS_PORT,
    ROOT,
    SETUP_SCRIPT,
    admin_dsn,
    check_services,
    clear_redis,
    drop_database,
    free_port,
    manage,
    server_env,
    stop,
    tail,
    wait_healthy,
    write_settings,
)
from tests.faults.proxy import TcpProxy

REDIS_DB = 14
GUNICORN_CONF = ROOT / "deploy" / "gunicorn.conf.py"
_databases = itertools.count(1)


class Mailbox:
    """aiosmtpd handler: counts what arrives, per recipient."""

    def __init__(self):
        self.recipients = []
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's name
        message = email.message_from_bytes(envelope.original_content, policy=email.policy.default)
        with self.lock:
            self.recipients.append(str(message["To"]).lower())
        return "250 Message accepted for delivery"


@dataclass
class Hit:
    start: float
    end: float
    status: int | None
    email: str
    error: str = ""

    @property
    def ok(self):
        return self.status == 303


@dataclass
class FaultRun:
    """One fault under load, and what came of it."""

    name: str
    hits: list = field(default_factory=list)
    fault_at: float = 0.0
    restored_at: float = 0.0
    lost: int = 0
    queued: int = 0
    delivered: int = 0
    duplicates: int = 0
    undelivered: int = 0
    worker_alive: bool = True

    @property
    def failures(self):
        return [hit for hit in self.hits if not hit.ok]

    @property
    def server_errors(self):
        return [hit for hit in self.hits if hit.status is not None and hit.status >= 500]

    @property
    def unanswered(self):
        return [hit for hit in self.hits if hit.status is None]

    @property
    def downtime(self):
        failures = self.failures
        return max(h.end for h in failures) - min(h.start for h in failures) if failures else 0.0

    @property
    def recovery(self):
        after = [hit.end for hit in self.hits if hit.ok and hit.start >= self.restored_at]
        return min(after) - self.restored_at if after else float("inf")

    @property
    def slowest_failure(self):
        return max((hit.end - hit.start for hit in self.failures), default=0.0)

    @property
    def slowest(self):
        return max((hit.end - hit.start for hit in self.hits), default=0.0)

    def statuses(self):
        counts = {}
        for hit in self.hits:
            key = hit.status or "none"
            counts[key] = counts.get(key, 0) + 1
        return ", ".join(f"{key}: {count}" for key, count in sorted(counts.items(), key=str))

    def row(self):
        return (
            f"{self.name:22} {len(self.hits):>5} {sum(h.ok for h in self.hits):>5} "
            f"{len(self.server_errors):>4} {len(self.unanswered):>6} {self.lost:>5} "
            f"{self.slowest_failure:>8.1f} {self.slowest:>8.1f} "
            f"{self.downtime:>8.1f} {self.recovery:>8.1f} "
            f"{self.queued:>6} {self.delivered:>6} {self.duplicates:>4}"
        )


HEADER = (
    f"{'fault':22} {'sent':>5} {'ok':>5} {'5xx':>4} {'no ans':>6} {'lost':>5} "
    f"{'slowest':>8} {'slowest':>8} {'downtime':>8} {'recovery':>8} "
    f"{'queued':>6} {'mailed':>6} {'dup':>4}\n"
    f"{'':22} {'':>5} {'':>5} {'':>4} {'':>6} {'':>5} "
    f"{'fail, s':>8} {'any, s':>8} {'s':>8} {'s':>8} {'email':>6} {'':>6} {'':>4}"
)


class Site:
    """The running site: gunicorn and the email worker behind their proxies."""

    def __init__(self, workdir, env, action_id, database, database_proxy, smtp_proxy, mailbox):
        self.workdir, self.env, self.action_id = workdir, env, action_id
        self.database, self.dsn = database, admin_dsn(database)
        self.database_proxy, self.smtp_proxy, self.mailbox = database_proxy, smtp_proxy, mailbox
        self.url = None
        self.processes = {}
        self._signers = itertools.count()

    def start(self, name, command, env):
        log_path = self.workdir / f"{name}.log"
        with open(log_path, "w") as log_file:
            self.processes[name] = subprocess.Popen(  # noqa: S603 - our interpreter
                command, cwd=ROOT, env=env, stdout=log_file, stderr=subprocess.STDOUT
            )
        return self.processes[name], log_path

    @property
    def worker(self):
        return self.processes["worker"]

    def logs(self):
        return "\n".join(
            f"--- {name}\n{tail(self.workdir / f'{name}.log')}" for name in self.processes
        )

    # --- load -------------------------------------------------------------------------

    def sign(self, client, timeout):
        address = f"signer{next(self._signers):06d}@example.org"
        url = urllib.parse.urlsplit(self.url)
        body = urllib.parse.urlencode(
            {"name": "Ana Petrova", "email": address, "country": "", "consent": "on"}
        )
        headers = {
            **PROXY_HEADERS,
            "X-Forwarded-For": f"198.51.100.{client + 1}",
            "Content-Type": "application/x-www-form-urlencoded",
        }
        start = time.monotonic()
        status, error = None, ""
        connection = http.client.HTTPConnection(url.hostname, url.port, timeout=timeout)
        try:
            connection.request("POST", f"/sign/{self.action_id}/", body=body, headers=headers)
            response = connection.getresponse()
            response.read()
            status = response.status
        except OSError as failure:
            error = type(failure).__name__
        finally:
            connection.close()
        return Hit(start, time.monotonic(), status, address, error)

    def under_load(
        self, name, fault, restore, duration, clients=6, before=2.0, after=4.0, drain=300
    ):
        """Sign without pause from `clients` threads; fault() `before` s in, restore()
        `duration` s later, go on until `after` s past the first success after restore."""
        run = FaultRun(name)
        done = threading.Event()
        lock = threading.Lock()

        def client(number):
            while not done.is_set():
                hit = self.sign(number, timeout=60)
                with lock:
                    run.hits.append(hit)
                if not hit.ok:
                    time.sleep(0.05)  # a failing site answers fast: do not spin

        threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
        for thread in threads:
            thread.start()
        try:
            time.sleep(before)
            run.fault_at = time.monotonic()
            fault()
            time.sleep(duration)
            run.restored_at = time.monotonic()
            restore()
            deadline = time.monotonic() + 60
            while run.recovery == float("inf") and time.monotonic() < deadline:
                time.sleep(0.1)
            time.sleep(after)
        finally:
            done.set()
            for thread in threads:
                thread.join()
        self.account(run, drain)
        return run

    # --- what came of it --------------------------------------------------------------

    def account(self, run, drain_timeout=60):
        """Lost signatures; wait for the worker to send every queued email, count them."""
        import psycopg

        ok = {hit.email for hit in run.hits if hit.ok}
        with psycopg.connect(self.dsn, autocommit=True, connect_timeout=5) as database:
            stored = {
                row[0]
                for row in database.execute(
                    "SELECT email FROM campaigns_signature WHERE email = ANY(%s)", [list(ok)]
                )
            }
            run.lost = len(ok - stored)
            signers = [hit.email for hit in run.hits]
            deadline = time.monotonic() + drain_timeout
            while True:
                (run.queued, run.undelivered) = database.execute(
                    "SELECT count(*), count(*) FILTER (WHERE status <> 'sent') "
                    'FROM campaigns_outboundemail WHERE "to" ?| %s',
                    [signers],
                ).fetchone()
                if not run.undelivered or time.monotonic() > deadline:
                    break
                time.sleep(0.2)
        time.sleep(0.5)  # the last message may still be in the SMTP server's hands
        with self.mailbox.lock:
            received = [r for r in self.mailbox.recipients if r in set(signers)]
        run.delivered = len(set(received))
        run.duplicates = len(received) - len(set(received))
        run.worker_alive = self.worker.poll() is None


@contextlib.contextmanager
def fault_site(workers=2, log=print):
    """A migrated scratch database with a petition; gunicorn and the email worker running
    through a database proxy, the worker mailing through an SMTP proxy. Removed on exit."""
    import psycopg

    check_services()
    database = f"worker_faults_{os.getpid()}_{next(_databases)}"
    key_prefix = f"faults-{os.getpid()}-{secrets.token_hex(4)}"
    workdir = Path(tempfile.mkdtemp(prefix="campaigns-faults-"))
    mailbox = Mailbox()
    logging.getLogger("mail.log").setLevel(logging.WARNING)  # aiosmtpd: a line per command
    smtp = Controller(mailbox, hostname="127.0.0.1", port=free_port())
    site = None
    with contextlib.ExitStack() as stack:
        try:
            with psycopg.connect(admin_dsn(), autocommit=True, connect_timeout=5) as admin:
                admin.execute(f'CREATE DATABASE "{database}"')
            stack.callback(drop_database, database)
            stack.callback(shutil.rmtree, workdir, ignore_errors=True)
            write_settings(workdir)
            env = server_env(workdir, database, key_prefix, sign_limit=1_000_000)
            env["CACHE_URL"] = f"redis://{REDIS_HOST}:{REDIS_PORT}/{REDIS_DB}"
            stack.callback(clear_redis, key_prefix, db=REDIS_DB)
            started = time.monotonic()
            # The error pages' stylesheet; collectstatic needs no database: it runs meanwhile.
            static = subprocess.Popen(  # noqa: S603 - our interpreter and manage.py
                [sys.executable, "manage.py", "collectstatic", "--no-input", "-v0"],
                cwd=ROOT,
                env=env,
            )
            try:
                manage(env, "migrate", "--no-input", "-v0")
            finally:
                static.wait(timeout=300)
            out = manage(env, "shell", "-c", SETUP_SCRIPT)
            action_id = int(
                next(x for x in out.splitlines() if x.startswith("ACTION ")).split()[1]
            )
            log(f"  scratch database migrated and set up in {time.monotonic() - started:.1f} s")

            smtp.start()
            stack.callback(smtp.stop)
            database_proxy = stack.enter_context(TcpProxy(PG_PORT, PG_HOST))
            smtp_proxy = stack.enter_context(TcpProxy(smtp.port, "127.0.0.1"))
            through = {
                **env,
                "DATABASE_URL": f"postgres://{PG_USER}@127.0.0.1:{database_proxy.port}/{database}",
                "EMAIL_URL": f"smtp://127.0.0.1:{smtp_proxy.port}",
                "EMAIL_TIMEOUT": "2",
                "EMAIL_RETRY_DELAY": "1",
                "EMAIL_MAX_ATTEMPTS": "30",
            }
            site = Site(workdir, through, action_id, database, database_proxy, smtp_proxy, mailbox)
            port = free_port()
            # The shipped configuration names the application and the worker class.
            app = ["-c", str(GUNICORN_CONF)] if GUNICORN_CONF.is_file() else ["settings.wsgi"]
            gunicorn, gunicorn_log = site.start(
                "gunicorn",
                [sys.executable, "-m", "gunicorn", *app]
                + ["--bind", f"127.0.0.1:{port}", "--workers", str(workers)]
                + ["--error-logfile", "-", "--access-logfile", "/dev/null"],
                through,
            )
            stack.callback(stop, gunicorn)
            site.url = f"http://127.0.0.1:{port}"
            worker, _ = site.start(
                "worker",
                [sys.executable, "manage.py", "email_worker", "--interval", "0.2", "-v0"],
                through,
            )
            stack.callback(stop, worker)
            wait_healthy(site.url, gunicorn, gunicorn_log)
            yield site
        except Exception:
            if site is not None:
                print(site.logs(), file=sys.stderr)
            raise


def faults(site, cut=3.0, blackhole=10.0, smtp_down=10.0, clients=6):
    """The three faults in turn, each under load; returns their FaultRuns."""
    database, mail = site.database_proxy, site.smtp_proxy
    return [
        site.under_load(f"DB cut {cut:g} s", database.cut, database.restore, cut, clients),
        site.under_load(
            f"DB black-holed {blackhole:g} s",
            database.blackhole,
            database.restore,
            blackhole,
            clients,
        ),
        site.under_load(f"SMTP down {smtp_down:g} s", mail.cut, mail.restore, smtp_down, clients),
    ]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cut", type=float, default=3.0, help="seconds the database is cut")
    parser.add_argument("--blackhole", type=float, default=10.0, help="seconds black-holed")
    parser.add_argument("--smtp-down", type=float, default=10.0, help="seconds SMTP is cut")
    parser.add_argument("--clients", type=int, default=6, help="signing client threads")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    args = parser.parse_args(argv)
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    with fault_site(workers=args.workers) as site:
        runs = faults(site, args.cut, args.blackhole, args.smtp_down, args.clients)
        print(HEADER)
        for run in runs:
            print(run.row())
        problems = [
            f"{run.name}: {problem}"
            for run in runs
            for problem in (
                f"{run.lost} signatures lost" if run.lost else "",
                f"{len(run.unanswered)} requests unanswered" if run.unanswered else "",
                f"{run.undelivered} emails not sent" if run.undelivered else "",
                f"{run.duplicates} emails sent twice" if run.duplicates else "",
                "" if run.worker_alive else "the email worker died",
            )
            if problem
        ]
        for run in runs:
            print(f"{run.name}: {run.statuses()}")
        if problems:
            print("PROBLEMS:\n  " + "\n  ".join(problems))
            print(site.logs())
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
