"""Health endpoints (home.health): liveness touches nothing; readiness reports the database,
the cache and the email queue (campaigns.outbox.health), 503 only when the database is
down, never cached, and nothing about supporters."""

import datetime
from types import SimpleNamespace

import pytest
from django.db import OperationalError
from django.test import override_settings
from django.utils import timezone

from campaigns.outbox.models import EmailStatus
from home import health

from ..outbox.factories import OutboundEmailFactory

SUPPORTER = "supporter-secret@example.org"


def ready(client, url="/healthz/ready/"):
    response = client.get(url)
    assert "no-store" in response["Cache-Control"]
    return response.status_code, response.json()


def test_liveness_asks_no_service(client, unreachable_cache):
    # No `db` fixture: a query would raise. The cache is unreachable: it would not matter.
    with override_settings(CACHES=unreachable_cache):
        response = client.get("/healthz/live/")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-store" in response["Cache-Control"]


@pytest.mark.parametrize("url", ["/healthz/ready/", "/healthz/"])
def test_readiness_reports_every_check(client, db, url, settings):
    settings.EMAIL_QUEUE_STUCK_AFTER = 900
    status, body = ready(client, url)
    assert status == 200
    assert body["status"] == "ok"
    assert list(body["checks"]) == ["database", "cache", "email_queue"]
    assert body["checks"]["database"]["status"] == "ok"
    assert body["checks"]["cache"] == {"status": "ok"}
    assert body["checks"]["email_queue"] == {
        "status": "ok",
        "oldest_unsent_seconds": None,
        "stuck_after_seconds": 900,
    }


def test_a_down_cache_is_degraded_not_unready(client, db, unreachable_cache):
    with override_settings(CACHES=unreachable_cache):
        status, body = ready(client)
    assert status == 200
    assert body["status"] == "degraded"
    assert body["checks"]["cache"]["status"] == "degraded"
    assert body["checks"]["database"]["status"] == "ok"


def test_a_down_database_is_unready_and_its_dependants_are_skipped(client, db, monkeypatch):
    def refused():
        raise OperationalError("connection refused")

    monkeypatch.setattr(health, "connection", SimpleNamespace(vendor="postgresql", cursor=refused))
    status, body = ready(client)
    assert status == 503
    assert body["status"] == "fail"
    assert body["checks"]["database"] == {"status": "fail", "error": "OperationalError"}
    assert body["checks"]["email_queue"] == {"status": "skipped", "reason": "database"}
    assert body["checks"]["cache"]["status"] == "ok"


def test_a_broken_check_degrades_but_never_takes_the_site_out(client, db, monkeypatch):
    def broken():
        raise RuntimeError("a bug")

    monkeypatch.setitem(health.HEALTH_CHECKS, "broken", (broken, False))
    status, body = ready(client)
    assert status == 200
    assert body["checks"]["broken"] == {"status": "degraded", "error": "RuntimeError"}


def queued(minutes_ago, **fields):
    email = OutboundEmailFactory(to=[SUPPORTER], **fields)
    email.created_at = timezone.now() - datetime.timedelta(minutes=minutes_ago)
    email.save(update_fields=["created_at"])
    return email


def test_the_email_queue_is_stuck_when_its_oldest_unsent_email_waited_too_long(
    client, db, settings
):
    settings.EMAIL_QUEUE_STUCK_AFTER = 900
    queued(60, status=EmailStatus.SENT)  # sent and failed emails wait for nothing
    queued(50, status=EmailStatus.FAILED)
    queued(5)
    status, body = ready(client)
    assert body["status"] == "ok"
    assert 5 * 60 <= body["checks"]["email_queue"]["oldest_unsent_seconds"] < 6 * 60

    queued(20)
    status, body = ready(client)
    assert status == 200
    assert body["status"] == "degraded"
    queue = body["checks"]["email_queue"]
    assert queue["status"] == "degraded"
    assert 20 * 60 <= queue["oldest_unsent_seconds"] < 21 * 60
    assert SUPPORTER not in str(body) and "Email" not in str(body)
