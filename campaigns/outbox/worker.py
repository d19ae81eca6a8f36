"""The email worker that outlives database outages (`manage.py email_worker`).

django_tasks_db's `db_worker` lets any database error other than "database is locked"
escape its loop, so a restart or a network blip of a second or two ends the process and
email waits until someone starts it again. `SurvivingWorker` is that same worker wrapped in
a loop: on OperationalError or InterfaceError it drops its connections, logs once that the
database is gone (the error's class only: no query, no address), waits with a doubling
back-off capped at MAX_RECONNECT_DELAY, puts back the task it was running when the
database went away, says when the database is back and carries on. SIGTERM and SIGINT still
stop it cleanly (django_tasks_db's handlers: a running email is finished first, a back-off
wait ends at once).

A task put back runs again: deliver_email finds its email sent and skips it, or still
queued and sends it. An email the mail server took just before the database went (so its
"sent" was rolled back) is first recorded as sent from this process's memory
(tasks.unrecorded_sends): it is not sent twice unless the worker itself dies in between.
"""

import contextlib
import logging
import time
from datetime import timedelta

from django.db import InterfaceError, OperationalError, connections
from django.db.models import F
from django.tasks import TaskResultStatus
from django.utils import timezone
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from .models import EmailStatus, OutboundEmail
from .tasks import unrecorded_sends

logger = logging.getLogger(__name__)

DATABASE_ERRORS = (OperationalError, InterfaceError)
# As django_tasks_db records a task's exception.
DATABASE_ERROR_PATHS = {f"{error.__module__}.{error.__qualname__}" for error in DATABASE_ERRORS}
FIRST_RECONNECT_DELAY = 0.5  # seconds; doubled after each failed try
MAX_RECONNECT_DELAY = 30.0
# A task "running" for longer than this was left so by a worker that died (killed, out of
# memory, stopped during an outage): sending one email takes a few SMTP timeouts at most.
ORPHANED_AFTER = timedelta(minutes=10)


def drop_connections():
    """Close every database connection of this thread: the next query opens a new one."""
    for connection in connections.all(initialized_only=True):
        with contextlib.suppress(*DATABASE_ERRORS):
            connection.close()


class SurvivingWorker(Worker):
    """django_tasks_db's Worker, started again after each database error instead of dying."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.interrupted_task_id = None
        self.outages = 0

    def run(self):
        # If the database is down, the loop below waits for it, then puts them back.
        with contextlib.suppress(*DATABASE_ERRORS):
            self.put_back_orphans()
        try:
            while True:
                try:
                    return super().run()
                except DATABASE_ERRORS as error:
                    if not self.running:
                        return None  # stopping anyway: nothing to wait for
                    self.wait_for_database(error)
                    self.startup_delay = False  # the random delay is for the first start
        finally:
            # Stopped (SIGTERM) while a task was interrupted: put it back now if the
            # database answers; otherwise the next worker's start finds it orphaned.
            with contextlib.suppress(*DATABASE_ERRORS):
                if self.interrupted_task_id is not None:
                    self.put_back_interrupted()

    def put_back_orphans(self):
        """Make ready again the tasks of this worker's backend that a dead worker left
        "running" (deliver_email locks its email and skips one already sent)."""
        orphans = DBTaskResult.objects.filter(
            backend_name=self.backend_name,
            status=TaskResultStatus.RUNNING,
            started_at__lt=timezone.now() - ORPHANED_AFTER,
        ).update(status=TaskResultStatus.READY, started_at=None, finished_at=None)
        if orphans:
            logger.warning(
                "Email worker: %d task(s) left running by a stopped worker put back.", orphans
            )
        return orphans

    def run_task(self, db_task_result):
        self.interrupted_task_id = db_task_result.id
        super().run_task(db_task_result)
        # Not reached when the database went away while the task ran and stayed away: the
        # result could not be saved, and the task stays "running" until it is put back.
        if db_task_result.exception_class_path in DATABASE_ERROR_PATHS:
            # It came back in time for the failure to be saved: the database failed, not the
            # task, so the task runs again rather than leave its email waiting for ever.
            self.put_back_interrupted()
        self.interrupted_task_id = None

    def wait_for_database(self, error):
        """Wait, with back-off, until the database answers again; then put back what ran."""
        self.outages += 1
        started = time.monotonic()
        logger.warning(
            "Email worker: the database is unreachable (%s). Email waits in the queue; "
            "reconnecting until the database is back.",
            type(error).__name__,
        )
        delay = FIRST_RECONNECT_DELAY
        while self.running:
            drop_connections()
            time.sleep(delay)
            try:
                self.put_back_interrupted()
                self.put_back_orphans()
            except DATABASE_ERRORS:
                delay = min(delay * 2, MAX_RECONNECT_DELAY)
                continue
            logger.warning(
                "Email worker: the database is back after %.1f s; sending again.",
                time.monotonic() - started,
            )
            return

    def put_back_interrupted(self):
        """Record what was sent but not recorded, and make the task that was running when
        the database went away ready to run again (queries: they also prove the database
        answers)."""
        DBTaskResult.objects.exists()
        for email_id in list(unrecorded_sends):
            OutboundEmail.objects.filter(pk=email_id, status=EmailStatus.QUEUED).update(
                status=EmailStatus.SENT,
                sent_at=timezone.now(),
                next_attempt_at=None,
                attempts=F("attempts") + 1,
            )
            unrecorded_sends.discard(email_id)
        if self.interrupted_task_id is not None:
            DBTaskResult.objects.filter(
                pk=self.interrupted_task_id,
                status__in=[TaskResultStatus.RUNNING, TaskResultStatus.FAILED],
            ).update(status=TaskResultStatus.READY, started_at=None, finished_at=None)
            self.interrupted_task_id = None
