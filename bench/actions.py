"""Sign-and-confirm load on a petition: two gunicorn servers, one PostgreSQL database.

    .venv/bin/python -m bench.actions                  (1,000 signs, 200 duplicates, 32 clients)
    .venv/bin/python -m bench.actions --requests 3000 --clients 64 --workers 3

Starts the servers with bench.servers (a scratch database, dropped at the end), then
32 client threads each take the next signer from a shuffled list and play them: POST
/sign/<id>/ to one server, read the confirmation link from the queued email (the
OutboundEmail row, as the inbox would receive it), and POST it to the other server.
Of the sign requests, --duplicates sign an address again: a quarter of those at the very
moment of the first signature, once on each server, the rest at random points of the
run, half of them with the address in other letter case. A quarter as many signers
confirm their link on both servers at the same moment. Prints throughput, latency
percentiles for sign and confirm, and the counts in the database, which must all equal
the number of distinct addresses: the count is kept by constraints and atomic updates.

tests/actions/test_action_concurrency.py runs the same load and asserts on it.
"""

import argparse
import http.client
import json
import math
import random
import re
import sys
import threading
import time
import urllib.parse
from dataclasses import dataclass, field

from bench.servers import PROXY_HEADERS, petition_site

TOKEN = re.compile(r"/sign/confirm/([^/\s\"<>]+)/")
EXPECTED = {"sign": {303}, "confirm": {200}}


@dataclass
class Job:
    email: str
    twin: bool = False  # signed on both servers at the same moment
    race: bool = False  # confirmed on both servers at the same moment
    duplicate: bool = False  # a second signature of an address signed elsewhere in the run


@dataclass
class Hit:
    kind: str
    server: int
    status: int | None
    ms: float
    error: str = ""
    start: float = 0.0
    pair: str = ""  # the two requests of a pair were sent at the same moment


@dataclass
class LoadResult:
    signers: int
    sign_requests: int
    clients: int
    elapsed: float
    hits: list
    errors: list
    counts: dict = field(default_factory=dict)

    def of(self, kind):
        return [hit for hit in self.hits if hit.kind == kind]

    def pairs(self):
        """(pairs sent at once, pairs whose two requests were in flight together)."""
        pairs = {}
        for hit in self.hits:
            if hit.pair:
                pairs.setdefault(hit.pair, []).append(hit)
        together = sum(
            1
            for a, b in (hits for hits in pairs.values() if len(hits) == 2)
            if a.start < b.start + b.ms / 1000 and b.start < a.start + a.ms / 1000
        )
        return len(pairs), together

    def problems(self):
        """Everything that is wrong: 5xx, unexpected answers, counts off by any amount."""
        found = list(self.errors)
        server_errors = [hit for hit in self.hits if hit.status is None or hit.status >= 500]
        if server_errors:
            found.append(
                f"{len(server_errors)} requests failed or answered 5xx: "
                + ", ".join(f"{h.kind}→{h.status or h.error}" for h in server_errors[:10])
            )
        unexpected = [
            hit
            for hit in self.hits
            if hit.status is not None and hit.status < 500 and hit.status not in EXPECTED[hit.kind]
        ]
        if unexpected:
            found.append(
                f"{len(unexpected)} unexpected answers: "
                + ", ".join(f"{h.kind}→{h.status}" for h in unexpected[:10])
            )
        if len(self.of("sign")) != self.sign_requests:
            found.append(f"{len(self.of('sign'))} sign requests made, not {self.sign_requests}")
        for name, value in self.counts.items():
            if value != self.signers:
                found.append(f"{name} is {value}, not {self.signers}")
        return found

    def summary(self):
        lines = [
            f"{len(self.hits)} requests ({len(self.of('sign'))} sign, "
            f"{len(self.of('confirm'))} confirm) from {self.clients} clients "
            f"in {self.elapsed:.1f} s: {len(self.hits) / self.elapsed:.0f} requests/s, "
            f"{self.signers / self.elapsed:.0f} confirmed signers/s",
            f"{'':8} {'count':>6} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'max ms':>8}",
        ]
        for kind in ("sign", "confirm", "all"):
            timings = sorted(hit.ms for hit in (self.hits if kind == "all" else self.of(kind)))
            if timings:
                lines.append(
                    f"{kind:8} {len(timings):>6} {percentile(timings, 50):>8.0f} "
                    f"{percentile(timings, 95):>8.0f} {percentile(timings, 99):>8.0f} "
                    f"{timings[-1]:>8.0f}"
                )
        statuses = {}
        for hit in self.hits:
            key = f"{hit.kind} {hit.status or hit.error}"
            statuses[key] = statuses.get(key, 0) + 1
        lines.append("answers: " + ", ".join(f"{k}: {v}" for k, v in sorted(statuses.items())))
        pairs, together = self.pairs()
        lines.append(
            f"same-moment pairs (twin signs, raced confirms): {pairs}, "
            f"{together} of them in flight together"
        )
        lines.append(
            f"distinct addresses {self.signers}; "
            + ", ".join(f"{name} {value}" for name, value in self.counts.items())
        )
        return "\n".join(lines)


def percentile(ordered, p):
    """Nearest-rank percentile of an ascending list."""
    return ordered[max(math.ceil(len(ordered) * p / 100) - 1, 0)]


def plan(sign_requests, duplicates, seed):
    """The jobs, shuffled; (distinct addresses, jobs). Each job makes one or two signs."""
    twins = duplicates // 4
    signers = sign_requests - duplicates
    if signers < 1 or duplicates < 0 or duplicates > signers:
        raise ValueError("need 0 <= duplicates <= requests - duplicates")
    rng = random.Random(seed)
    emails = [f"signer{number:05d}@example.org" for number in range(signers)]
    again = rng.sample(emails, duplicates)
    twinned = set(again[:twins])
    jobs = [Job(email, twin=email in twinned) for email in emails]
    for number, email in enumerate(again[twins:]):
        variant = email.replace("signer", "Signer").replace("example.org", "EXAMPLE.org")
        jobs.append(Job(variant if number % 2 else email, duplicate=True))
    singles = [job for job in jobs if not (job.twin or job.duplicate)]
    for job in rng.sample(singles, min(twins, len(singles))):
        job.race = True
    rng.shuffle(jobs)
    return signers, jobs


class Client:
    """One client thread: its own address (behind the proxy) and database connection."""

    def __init__(self, number, site, hits, errors):
        import psycopg

        self.address = f"198.51.100.{number % 250 + 1}"
        self.site, self.hits, self.errors = site, hits, errors
        self.database = psycopg.connect(site.dsn, autocommit=True)
        self.turn = number

    def post(self, kind, server, path, data=None, pair=""):
        url = urllib.parse.urlsplit(self.site.urls[server])
        body = urllib.parse.urlencode(data or {})
        headers = {
            **PROXY_HEADERS,
            "X-Forwarded-For": self.address,
            "Content-Type": "application/x-www-form-urlencoded",
        }
        start = time.perf_counter()
        status, error = None, ""
        connection = http.client.HTTPConnection(url.hostname, url.port, timeout=60)
        try:
            connection.request("POST", path, body=body, headers=headers)
            response = connection.getresponse()
            response.read()
            status = response.status
            if kind == "sign" and status == 303:
                location = response.getheader("Location", "")
                if not location.endswith(f"{self.site.action_url}thanks/"):
                    error = f"sign redirected to {location!r}"
        except OSError as failure:
            error = f"{type(failure).__name__}: {failure}"
        finally:
            connection.close()
        ms = (time.perf_counter() - start) * 1000
        self.hits.append(Hit(kind, server, status, ms, error, start, pair))
        if error:
            self.errors.append(f"{kind} on server {server}: {error}")
        return status

    def sign(self, server, email, pair=""):
        data = {"name": "Ana Petrova", "email": email, "country": "", "consent": "on"}
        data["website"] = ""  # the honeypot, left empty as people leave it
        return self.post("sign", server, f"/sign/{self.site.action_id}/", data, pair)

    def confirm(self, server, token, pair=""):
        return self.post("confirm", server, f"/sign/confirm/{token}/", pair=pair)

    def token(self, email, timeout=20):
        """The link in the email queued for `email`: the first signature's request may
        still be sending it when a concurrent duplicate's request has answered."""
        address = email.strip().lower()
        deadline = time.monotonic() + timeout
        while True:
            rows = self.database.execute(
                'SELECT body_text FROM campaigns_outboundemail WHERE "to" @> %s::jsonb',
                [json.dumps([address])],
            ).fetchall()
            if rows:
                if len(rows) > 1:
                    self.errors.append(f"{len(rows)} emails queued for one address")
                found = TOKEN.search(rows[0][0])
                if not found:
                    self.errors.append(f"no confirmation link in the email to {address}")
                return found and found.group(1)
            if time.monotonic() > deadline:
                self.errors.append(f"no email queued for {address} after {timeout} s")
                return None
            time.sleep(0.02)

    def run(self, job):
        self.turn += 1
        servers = len(self.site.urls)
        first, other = self.turn % servers, (self.turn + 1) % servers
        if job.twin:
            pair = f"sign {job.email}"
            at_once(
                lambda: self.sign(first, job.email, pair),
                lambda: self.sign(other, job.email, pair),
            )
        else:
            self.sign(first, job.email)
        token = self.token(job.email)
        if token is None:
            return
        if job.twin or job.race:
            pair = f"confirm {job.email}"
            at_once(
                lambda: self.confirm(first, token, pair),
                lambda: self.confirm(other, token, pair),
            )
        else:
            self.confirm(other, token)

    def close(self):
        self.database.close()


def at_once(first, second):
    """Run both calls at the same moment, the second in a helper thread."""
    barrier = threading.Barrier(2)

    def helper():
        barrier.wait()
        second()

    thread = threading.Thread(target=helper)
    thread.start()
    barrier.wait()
    first()
    thread.join()


def database_counts(dsn, action_id):
    import psycopg

    with psycopg.connect(dsn, autocommit=True) as database:

        def one(sql, *params):
            row = database.execute(sql, params).fetchone()
            return row[0] if row else 0

        return {
            "tally": one(
                "SELECT signatures FROM campaigns_actiontally WHERE action_id = %s", action_id
            ),
            "confirmed addresses": one(
                "SELECT count(DISTINCT email) FROM campaigns_signature "
                "WHERE action_id = %s AND confirmed_at IS NOT NULL",
                action_id,
            ),
            "signature rows": one(
                "SELECT count(*) FROM campaigns_signature WHERE action_id = %s", action_id
            ),
            "emails queued": one("SELECT count(*) FROM campaigns_outboundemail"),
        }


def run_load(site, sign_requests=1000, duplicates=200, clients=32, seed=6):
    """Play the load against a running `petition_site`; return a LoadResult."""
    signers, jobs = plan(sign_requests, duplicates, seed)
    hits, errors = [], []
    pending = list(reversed(jobs))
    lock = threading.Lock()
    players = [Client(number, site, hits, errors) for number in range(clients)]

    def work(player):
        while True:
            with lock:
                if not pending:
                    return
                job = pending.pop()
            try:
                player.run(job)
            except Exception as failure:  # reported, never hidden
                errors.append(f"client crashed on {job}: {failure!r}")

    threads = [threading.Thread(target=work, args=(player,)) for player in players]
    start = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - start
    for player in players:
        player.close()
    result = LoadResult(signers, sign_requests, clients, elapsed, hits, errors)
    result.counts = database_counts(site.dsn, site.action_id)
    return result


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=1000, help="sign requests in all")
    parser.add_argument(
        "--duplicates", type=int, help="of those, signatures of an address again (20%%)"
    )
    parser.add_argument("--clients", type=int, default=32, help="concurrent client threads")
    parser.add_argument("--servers", type=int, default=2, help="gunicorn processes")
    parser.add_argument("--workers", type=int, default=2, help="sync workers per gunicorn")
    parser.add_argument("--seed", type=int, default=6)
    args = parser.parse_args()
    duplicates = args.requests // 5 if args.duplicates is None else args.duplicates
    if args.servers < 2:
        parser.error("--servers must be at least 2: signs and confirms alternate between them")

    with petition_site(servers=args.servers, workers=args.workers) as site:
        result = run_load(site, args.requests, duplicates, args.clients, args.seed)
        print(result.summary())
        problems = result.problems()
        if problems:
            print("PROBLEMS:\n  " + "\n  ".join(problems[:30]))
            print(site.server_logs())
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
