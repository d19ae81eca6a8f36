"""A real SMTP server on 127.0.0.1 (aiosmtpd) and the email worker, for delivery tests.

Use the `smtp_server` fixture (import it into the test module): it points the default mailer
at the server and collects what arrives in `smtp_server.messages` as parsed email messages.
`smtp_server.stop()` and `.start()` take the server down and bring it back on the same port.
`run_email_worker()` runs `manage.py email_worker` until the email queue has nothing ready.
"""

import email
import email.policy
import signal
import socket
from unittest import mock

import pytest
from aiosmtpd.controller import Controller
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Collector:
    def __init__(self, messages):
        self.messages = messages

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's name
        message = email.message_from_bytes(envelope.original_content, policy=email.policy.default)
        self.messages.append(message)
        return "250 Message accepted for delivery"


class SMTPServer:
    def __init__(self):
        self.port = free_port()
        self.messages = []
        self.controller = None

    @property
    def mailers(self):
        return {
            "default": {
                "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
                "OPTIONS": {"host": "127.0.0.1", "port": self.port, "timeout": 5},
            }
        }

    def start(self):
        self.controller = Controller(
            Collector(self.messages), hostname="127.0.0.1", port=self.port
        )
        self.controller.start()

    def stop(self):
        if self.controller is not None:
            self.controller.stop()
            self.controller = None


@pytest.fixture
def smtp_server(settings):
    server = SMTPServer()
    settings.MAILERS = server.mailers
    server.start()
    yield server
    server.stop()


def run_email_worker():
    """One `email_worker --batch` pass over the email queue, as the production worker runs it."""
    # The worker installs its own handlers for graceful shutdown; give pytest its own back.
    saved = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT)}
    # The worker closes connections it thinks are stale, as a long-running process should;
    # here the test's one open transaction is all the database there is, so keep it open.
    with mock.patch(
        "django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None
    ):
        try:
            call_command(
                "email_worker",
                "--batch",
                "--no-startup-delay",
                "--no-reload",
                "--interval=0",
                verbosity=0,
            )
        finally:
            for sig, handler in saved.items():
                signal.signal(sig, handler)


def pending_retries():
    """Tasks on the email queue waiting for their back-off to end."""
    return DBTaskResult.objects.filter(queue_name="email", status="READY")


def skip_back_off():
    """Make every waiting retry due now, as if its back-off had passed."""
    return pending_retries().update(run_after=timezone.now())
