"""The email worker (`manage.py email_worker`) outlives a database outage.

The database "goes away" by making the worker's queries raise OperationalError, as they do
when the connection is cut, while the test's own transaction (all the database there is
here) stays open: the worker's reconnection is a no-op and its back-off sleeps are where
the database comes back. tests/faults/test_database_faults.py cuts a real PostgreSQL
connection under a worker process.
"""

import logging
import signal
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import OperationalError
from django.tasks import TaskResultStatus
from django.tasks.signals import task_started
from django.utils import timezone
from django_tasks_db.models import DBTaskResult, DBTaskResultQuerySet

from campaigns.outbox import tasks, worker
from campaigns.outbox.models import EmailStatus, OutboundEmail
from campaigns.outbox.queue import queue_email

from .. import smtp
from ..smtp import run_email_worker

smtp_server = smtp.smtp_server  # the fixture, under the name the tests ask for
SUPPORTER = "supporter-secret@example.org"


class Outage:
    """The database as the worker sees it: `down()` until `back_after` back-off sleeps."""

    def __init__(self, monkeypatch, back_after=1):
        self.is_down = False
        self.back_after = back_after
        self.sleeps = []
        monkeypatch.setattr(worker, "drop_connections", lambda: None)
        monkeypatch.setattr(worker.time, "sleep", self.sleep)

    def down(self):
        self.is_down = True

    def check(self):
        if self.is_down:
            raise OperationalError("server closed the connection unexpectedly")

    def sleep(self, seconds):
        self.sleeps.append(seconds)
        if len(self.sleeps) >= self.back_after:
            self.is_down = False


@pytest.fixture
def outage(monkeypatch):
    return Outage(monkeypatch, back_after=4)


def fail_while_down(monkeypatch, outage, target, name):
    real = getattr(target, name)

    def failing(*args, **kwargs):
        outage.check()
        return real(*args, **kwargs)

    monkeypatch.setattr(target, name, failing)


def queue_to(address):
    return queue_email(to=[address], subject="Please confirm", body_text="Hello")


def test_db_worker_alone_dies_on_a_database_error(db, outage, monkeypatch):
    """Why email_worker exists: django_tasks_db's worker lets the error end the process."""
    fail_while_down(monkeypatch, outage, DBTaskResultQuerySet, "get_locked")
    outage.down()
    with pytest.raises(OperationalError):
        call_command(
            "db_worker", "--batch", "--backend=email", "--queue-name=email", "--no-reload"
        )


def test_the_worker_waits_out_an_outage_then_sends_everything_once(
    db, smtp_server, outage, monkeypatch, caplog
):
    queue_to("one@example.org")
    queue_to(SUPPORTER)
    fail_while_down(monkeypatch, outage, DBTaskResultQuerySet, "get_locked")
    fail_while_down(monkeypatch, outage, DBTaskResultQuerySet, "exists")
    outage.down()

    with caplog.at_level(logging.INFO, logger="campaigns.outbox.worker"):
        run_email_worker()

    assert sorted(m["To"] for m in smtp_server.messages) == ["one@example.org", SUPPORTER]
    assert set(OutboundEmail.objects.values_list("status", flat=True)) == {EmailStatus.SENT}
    # It tried again and again, waiting longer each time, up to the cap.
    assert outage.sleeps == [0.5, 1.0, 2.0, 4.0]
    # One line when the database went, one when it came back: nothing about supporters.
    messages = [r.getMessage() for r in caplog.records if r.name == "campaigns.outbox.worker"]
    assert len(messages) == 2, messages
    assert "the database is unreachable (OperationalError)" in messages[0]
    assert "the database is back after" in messages[1]
    assert not any("@" in message for message in messages)


def test_the_back_off_is_capped(db, monkeypatch):
    outage = Outage(monkeypatch, back_after=10)
    fail_while_down(monkeypatch, outage, DBTaskResultQuerySet, "get_locked")
    fail_while_down(monkeypatch, outage, DBTaskResultQuerySet, "exists")
    outage.down()
    run_email_worker()
    assert max(outage.sleeps) == worker.MAX_RECONNECT_DELAY
    assert outage.sleeps[-3:] == [worker.MAX_RECONNECT_DELAY] * 3


@pytest.mark.parametrize("moment", ["before sending", "while recording the send", "after sending"])
def test_an_email_whose_task_the_outage_interrupted_is_sent_exactly_once(
    db, smtp_server, outage, monkeypatch, moment
):
    """The task was claimed ("running") when the database went: it is put back and run
    again, and the email is sent once whether the outage came before or after the send."""
    email = queue_to(SUPPORTER)
    fail_while_down(monkeypatch, outage, DBTaskResult, "set_failed")
    receiver = None
    if moment == "before sending":

        def receiver(**kwargs):
            if not outage.sleeps:  # the first run only
                outage.down()
                outage.check()

        task_started.connect(receiver)
    elif moment == "while recording the send":
        # The mail server took it; the database went before "sent" was saved: rolled back.
        real_save = OutboundEmail.save

        def save(self, *args, **kwargs):
            if self.status == EmailStatus.SENT and not outage.sleeps:
                outage.down()
                outage.check()
            return real_save(self, *args, **kwargs)

        monkeypatch.setattr(OutboundEmail, "save", save)
    else:
        real = DBTaskResult.set_successful

        def set_successful(self, *args, **kwargs):
            if not outage.sleeps:  # the send is committed; its task's result cannot be saved
                outage.down()
                outage.check()
            return real(self, *args, **kwargs)

        monkeypatch.setattr(DBTaskResult, "set_successful", set_successful)
    try:
        run_email_worker()
    finally:
        if receiver:
            task_started.disconnect(receiver)

    assert [m["To"] for m in smtp_server.messages] == [SUPPORTER]
    email.refresh_from_db()
    assert (email.status, email.attempts) == (EmailStatus.SENT, 1)
    task = DBTaskResult.objects.get()
    assert task.status == TaskResultStatus.SUCCESSFUL
    # Run twice: the second run found the email sent.
    assert task.return_value == ("sent" if moment == "before sending" else "skipped")
    assert not tasks.unrecorded_sends
    assert len(task.worker_ids) == 2


def test_sigterm_during_the_wait_stops_the_worker_cleanly(db, monkeypatch):
    """systemctl stop while the database is down: exit 0 at once, no traceback."""
    outage = Outage(monkeypatch, back_after=1000)
    fail_while_down(monkeypatch, outage, DBTaskResultQuerySet, "get_locked")
    fail_while_down(monkeypatch, outage, DBTaskResultQuerySet, "exists")
    outage.down()
    sleeps = 0

    def sleep(seconds):
        nonlocal sleeps
        sleeps += 1
        if sleeps == 3:
            signal.raise_signal(signal.SIGTERM)

    monkeypatch.setattr(worker.time, "sleep", sleep)
    saved = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT)}
    try:
        with pytest.raises(SystemExit) as stopped:
            call_command("email_worker", "--no-startup-delay", "--interval=0", verbosity=0)
    finally:
        for sig, handler in saved.items():
            signal.signal(sig, handler)
    assert stopped.value.code == 0
    assert sleeps == 3


def test_a_task_the_database_failed_under_runs_again_when_it_is_back_at_once(
    db, smtp_server, monkeypatch
):
    """A blip: the task's own query failed, the database answered again in time for the
    failure to be saved. The failure is the database's, not the email's: it runs again."""
    email = queue_to(SUPPORTER)
    runs = []

    def blip(**kwargs):
        runs.append(1)
        if len(runs) == 1:
            raise OperationalError("server closed the connection unexpectedly")

    task_started.connect(blip)
    try:
        run_email_worker()
    finally:
        task_started.disconnect(blip)
    assert len(runs) == 2
    assert [m["To"] for m in smtp_server.messages] == [SUPPORTER]
    email.refresh_from_db()
    assert email.status == EmailStatus.SENT
    assert DBTaskResult.objects.get().status == TaskResultStatus.SUCCESSFUL


def test_a_task_a_dead_worker_left_running_is_put_back_and_its_email_sent_once(
    db, smtp_server, caplog
):
    """A worker killed mid-task (SIGKILL, out of memory, stopped during an outage) leaves
    its task "running": the next worker to start puts back the ones running too long."""
    queue_to(SUPPORTER)
    queue_to("recent@example.org")
    orphan, recent = DBTaskResult.objects.filter(backend_name="email").order_by("enqueued_at")
    long_ago = timezone.now() - worker.ORPHANED_AFTER - timedelta(minutes=1)
    DBTaskResult.objects.filter(pk=orphan.pk).update(
        status=TaskResultStatus.RUNNING, started_at=long_ago
    )
    # Another worker may be sending this one right now: it is left alone.
    DBTaskResult.objects.filter(pk=recent.pk).update(
        status=TaskResultStatus.RUNNING, started_at=timezone.now()
    )

    with caplog.at_level(logging.INFO, logger="campaigns.outbox.worker"):
        run_email_worker()

    assert [m["To"] for m in smtp_server.messages] == [SUPPORTER]
    assert OutboundEmail.objects.get(to=[SUPPORTER]).status == EmailStatus.SENT
    assert DBTaskResult.objects.get(pk=recent.pk).status == TaskResultStatus.RUNNING
    assert "1 task(s) left running by a stopped worker put back" in caplog.text
