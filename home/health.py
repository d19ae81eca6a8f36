"""Health endpoints for load balancers and monitoring, and the registry of their checks.

- `/healthz/live/` (liveness): the process answers. It touches no service, so a
  supervisor restarts the process only when the process itself is stuck.
- `/healthz/ready/` (readiness; `/healthz/` too, for existing load balancer configs):
  JSON `{"status": "ok" | "degraded" | "fail", "checks": {name: {"status": ...}}}`.

Readiness answers 503 only on "fail", when the database is down: no page can be served.
A down cache or a stuck email queue is "degraded" and still 200: pages are served without
the cache (home.cache_backend), email waits in the database, and every app server shares
the same Redis and the same queue, so a load balancer that pulled them out would turn a
partial outage into a whole one. Monitoring should alert on "degraded".

Checks are registered with `@health_check(name)`: home registers the database and the
cache; features register theirs (campaigns.outbox.health: the email queue). A check
returns a `Check`; one that raises is reported "degraded" with the error's class (it could
not tell), so that a broken check never takes the site out of service. Checks that read
the database are skipped while it is down. Answers are never cached and hold nothing
about supporters: statuses, counts, ages and error class names only.
"""

import secrets
import time

from django.conf import settings
from django.core.cache import cache
from django.db import Error as DatabaseError
from django.db import connection, transaction
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from home.cache_backend import CacheUnavailable, strict

OK, DEGRADED, FAIL, SKIPPED = "ok", "degraded", "fail", "skipped"


class Check:
    """The outcome of one check: a status and a few figures (never personal data)."""

    def __init__(self, status, **details):
        self.status = status
        self.details = details

    def as_json(self):
        return {"status": self.status, **self.details}


# name -> (check, needs_database), in the order they run.
HEALTH_CHECKS = {}


def health_check(name, *, needs_database=True):
    """Register `check()` → Check under `name` for /healthz/ready/."""

    def register(check):
        HEALTH_CHECKS[name] = (check, needs_database)
        return check

    return register


def run_checks():
    """{name: Check} for every registered check, and the overall status."""
    results = {}
    for name, (check, needs_database) in HEALTH_CHECKS.items():
        database = results.get("database")
        if needs_database and database is not None and database.status == FAIL:
            results[name] = Check(SKIPPED, reason="database")
            continue
        try:
            results[name] = check()
        except Exception as error:  # a check that breaks could not tell: never take the site out
            results[name] = Check(DEGRADED, error=type(error).__name__)
    statuses = {result.status for result in results.values()}
    overall = FAIL if FAIL in statuses else DEGRADED if DEGRADED in statuses else OK
    return overall, results


@health_check("database", needs_database=False)
def database_check():
    """A query, which must answer within HEALTH_DATABASE_TIMEOUT seconds."""
    started = time.monotonic()
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                timeout_ms = str(int(settings.HEALTH_DATABASE_TIMEOUT * 1000))
                cursor.execute("SELECT set_config('statement_timeout', %s, true)", [timeout_ms])
            cursor.execute("SELECT 1")
    except DatabaseError as error:
        return Check(FAIL, error=type(error).__name__)
    return Check(OK, milliseconds=round((time.monotonic() - started) * 1000))


@health_check("cache", needs_database=False)
def cache_check():
    """A key written and read back, through the path that reports failures."""
    key, value = f"healthz:{secrets.token_hex(8)}", secrets.token_hex(8)
    try:
        strict(cache).set(key, value, timeout=10)
        read = strict(cache).get(key)
    except CacheUnavailable as error:
        return Check(DEGRADED, error=str(error))
    if read != value:
        return Check(DEGRADED, error="the value read back differs")
    return Check(OK)


@require_GET
@never_cache
def live(request):
    """Liveness: the process answers; no service is asked."""
    return JsonResponse({"status": OK})


@require_GET
@never_cache
def ready(request):
    """Readiness: the registered checks, 503 only when one fails (see the module)."""
    overall, results = run_checks()
    return JsonResponse(
        {"status": overall, "checks": {name: check.as_json() for name, check in results.items()}},
        status=503 if overall == FAIL else 200,
    )
