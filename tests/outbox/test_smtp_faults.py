"""The mail server cut or black-holed (tests/faults/proxy.py between the mailer and a real
SMTP server): email is kept, retried and delivered later, never twice, and a silent server
costs EMAIL_TIMEOUT seconds per try, not a stuck worker.

The mailer is built by settings.base.mailer_from_url from an EMAIL_URL, as production
builds it, so the timeout tested is the one production gets.
"""

import threading
import time

import pytest

from campaigns.outbox.models import EmailStatus, OutboundEmail
from campaigns.outbox.queue import queue_email
from settings.base import mailer_from_url

from .. import smtp
from ..faults.proxy import TcpProxy
from ..smtp import pending_retries, run_email_worker, skip_back_off

smtp_server = smtp.smtp_server  # the fixture, under the name the tests ask for
TIMEOUT = 1  # EMAIL_TIMEOUT, in seconds


@pytest.fixture
def mail_proxy(smtp_server, settings, monkeypatch):
    """The site's mailer, from EMAIL_URL and EMAIL_TIMEOUT, talks to the server through this."""
    with TcpProxy(smtp_server.port) as proxy:
        monkeypatch.setenv("EMAIL_TIMEOUT", str(TIMEOUT))
        settings.MAILERS = {"default": mailer_from_url(f"smtp://127.0.0.1:{proxy.port}")}
        yield proxy


def queue(count, first=0):
    return [
        queue_email(to=[f"signer{n}@example.org"], subject="Confirm", body_text="Hi")
        for n in range(first, first + count)
    ]


def received(smtp_server):
    return sorted(message["To"] for message in smtp_server.messages)


def test_a_silent_mail_server_costs_the_timeout_then_mail_goes_out_once(
    db, smtp_server, mail_proxy
):
    queue(2)
    mail_proxy.blackhole()
    # Should the timeout not apply, the worker would wait for ever: the partition heals
    # after 10 s at the latest, and the test fails on the time taken.
    healer = threading.Timer(10, mail_proxy.restore)
    healer.start()
    try:
        started = time.monotonic()
        run_email_worker()
        took = time.monotonic() - started
    finally:
        healer.cancel()
    mail_proxy.restore()
    assert took < 2 * (TIMEOUT + 1), f"the worker waited {took:.1f} s on a silent server"
    emails = list(OutboundEmail.objects.all())
    assert {(e.status, e.attempts) for e in emails} == {(EmailStatus.QUEUED, 1)}
    assert all("timed out" in e.last_error for e in emails)
    assert smtp_server.messages == []

    skip_back_off()
    run_email_worker()
    assert received(smtp_server) == ["signer0@example.org", "signer1@example.org"]
    assert set(OutboundEmail.objects.values_list("status", flat=True)) == {EmailStatus.SENT}


def test_mail_queued_while_the_server_is_cut_is_delivered_once_when_it_is_back(
    db, smtp_server, mail_proxy
):
    queue(3)
    run_email_worker()  # sent while the server is up
    mail_proxy.cut()
    queue(3, first=3)
    run_email_worker()
    run_email_worker()  # nothing more: the retries wait for their back-off
    assert pending_retries().count() == 3
    assert OutboundEmail.objects.filter(status=EmailStatus.QUEUED, attempts=1).count() == 3

    mail_proxy.restore()
    skip_back_off()
    run_email_worker()
    skip_back_off()
    run_email_worker()
    assert received(smtp_server) == [f"signer{n}@example.org" for n in range(6)]
    assert not pending_retries().exists()
