"""No client address and no supporter data in any log line (issue 14).

Every public form of the demo site is submitted through Django's test client, accepted
and refused (a cross-site post, a filled honeypot, a body too large, invalid input, a
flood; the contact form without its CSRF token); the emails it queues are sent by the
email worker, and their links opened and clicked, in time and expired; delivery fails
and is retried; the admin's sign-in is tried with the right password, a wrong code, wrong
passwords up to the lockout; the searches are asked for an email address. The client
comes from a distinctive address, directly or behind a trusted proxy, and types a
distinctive name, address and message.

Meanwhile every logger is opened up to DEBUG (settings.LOGGING raises the levels of some,
which would hide their lines from a plain `caplog`; LOG_LEVEL=DEBUG opens them in
production) and stdout and stderr are captured: none of the distinctive strings, nor any
token the emails carry, may appear in any record's message, arguments, traceback or extra
attributes, nor in what is printed. Filters that settings.LOGGING puts on a logger apply,
as they do in production. A leak names its form (the test id), its step and its logger.
"""

import logging
import re
import smtplib
import sys
from dataclasses import dataclass, field
from unittest import mock
from urllib.parse import unquote

import pyotp
import pytest
from django.core import mail
from django.core.cache import cache
from django.core.mail.backends.base import BaseEmailBackend
from django.test import Client, override_settings
from django_tasks_db.management.commands import db_worker

from campaigns.models import (
    ActionKind,
    ActionPage,
    BlogPostPage,
    CasePage,
    ContactPage,
    EmailStatus,
    OutboundEmail,
)
from home.signin import two_factor
from settings import base as base_settings

from ..access.factories import UserFactory
from ..smtp import run_email_worker, skip_back_off

CLIENT = "203.0.113.77"
CLAIMED = "198.51.100.23"  # what a client may write into X-Forwarded-For itself
PROXY = "192.0.2.200"
EMAIL = "leak.check+zz@mail.kz"
NAME = "Zhanna Leakcheck"
MESSAGE = "leak-check-message-7781"
PASSWORD = "leak-check-password-5519"
# Looked for in every line, case-insensitively; the local part of the address and the
# surname also find them altered (normalised, cut, or wrapped in an invalid address).
SECRETS = (CLIENT, CLAIMED, EMAIL, "leak.check", NAME, "Leakcheck", MESSAGE, PASSWORD)

ROUTES = {
    "direct": {"REMOTE_ADDR": CLIENT},
    "proxied": {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": f"{CLAIMED}, {CLIENT}"},
}
CROSS_SITE = {"HTTP_SEC_FETCH_SITE": "cross-site"}
ANSWERED = range(200, 500)  # whatever a link says, as long as it is not a server error
# How long the emailed links work; -1: they have expired.
LINK_MAX_AGES = ("SIGNATURE_CONFIRM_MAX_AGE", "FOLLOW_CONFIRM_MAX_AGE", "FOLLOW_LINK_MAX_AGE")
LINK = re.compile(r"http://testserver(/[^\s\"<>]*)")
# A link's token: a signed value (django.core.signing's "payload:timestamp:signature"),
# in the path or the query string, its colons percent-encoded or not.
TOKEN = re.compile(r"[\w-]+(?:(?::|%3A)[\w-]+)+", re.IGNORECASE)
# Attributes every log record has; anything else was passed as `extra` and is checked too.
RECORD_ATTRIBUTES = set(vars(logging.makeLogRecord({}))) | {"message", "asctime"}


# --- capturing everything ------------------------------------------------------------------


class Everything(logging.Handler):
    """Keeps, for each record, the step it was logged in, its logger and all its text."""

    def __init__(self):
        super().__init__(logging.DEBUG)
        self.step = "setup"
        self.lines = []  # (step, logger name, text)

    def emit(self, record):
        texts = [record.getMessage(), repr(record.args), record.stack_info or ""]
        if record.exc_info:
            texts.append(logging.Formatter().formatException(record.exc_info))
        texts.append(record.exc_text or "")
        texts += [
            f"{name}={value!r}"
            for name, value in vars(record).items()
            if name not in RECORD_ATTRIBUTES
        ]
        self.lines.append((self.step, record.name, "\n".join(texts)))


@dataclass
class Logs:
    """What the site logged and printed during a test, and the extra secrets it met."""

    handler: Everything
    capfd: object
    secrets: set = field(default_factory=lambda: set(SECRETS))

    def step(self, name):
        self.handler.step = name

    def leaks(self):
        out, err = self.capfd.readouterr()
        lines = [*self.handler.lines, ("any step", "stdout", out), ("any step", "stderr", err)]
        return [
            f"{step}: {logger}: {secret!r} in {text[:300]!r}"
            for step, logger, text in lines
            for secret in self.secrets
            if secret.casefold() in text.casefold()
        ]


class CurrentStderr:
    """Writes to whatever sys.stderr is at the time: `capfd`'s capture while a test runs
    (pytest gives each phase of a test a stream of its own)."""

    def write(self, text):
        return sys.stderr.write(text)

    def flush(self):
        sys.stderr.flush()


@pytest.fixture
def logs(capfd):
    """Every logger at DEBUG, propagating to a handler on the root logger, for one test;
    the console handlers of settings.LOGGING write into `capfd`. All restored after."""
    loggers = [logging.root] + [
        logger
        for logger in list(logging.root.manager.loggerDict.values())
        if isinstance(logger, logging.Logger)
    ]
    saved = [(logger, logger.level, logger.propagate, logger.disabled) for logger in loggers]
    streams = [
        (handler, handler.stream)
        for logger in loggers
        for handler in logger.handlers
        if type(handler) is logging.StreamHandler
    ]
    disabled = logging.root.manager.disable
    handler = Everything()
    logging.disable(logging.NOTSET)
    for logger in loggers:
        logger.setLevel(logging.DEBUG)
        logger.propagate = True
        logger.disabled = False
    for stream_handler, _stream in streams:
        stream_handler.stream = CurrentStderr()
    logging.root.addHandler(handler)
    try:
        yield Logs(handler, capfd)
    finally:
        logging.root.removeHandler(handler)
        for stream_handler, stream in streams:
            stream_handler.stream = stream
        for logger, level, propagate, was_disabled in saved:
            logger.setLevel(level)
            logger.propagate = propagate
            logger.disabled = was_disabled
        logging.disable(disabled)


def send_queued_email():
    """The email worker's pass over the queue, its loggers left open: at the verbosity the
    tests run it with, it would raise them to CRITICAL."""
    with mock.patch.object(db_worker.Command, "configure_logging"):
        run_email_worker()


# --- the demo site and its visitor ---------------------------------------------------------


@pytest.fixture
def demo(built_demo, db):
    """The demo's public forms, in English."""
    english = {"live": True, "locale__language_code": "en"}
    actions = ActionPage.objects.filter(**english)
    return {
        "case": CasePage.objects.filter(**english).first(),
        "petition": actions.filter(kind=ActionKind.PETITION).first(),
        "letter": actions.filter(kind=ActionKind.LETTER).first(),
        "post": BlogPostPage.objects.filter(live=True, comments_open=True).first(),
        "contact": ContactPage.objects.filter(**english).first(),
    }


@dataclass
class Visitor:
    """A browser at the distinctive address, posting what the form functions ask."""

    client: Client
    logs: Logs
    demo: dict
    settings: object

    def post(self, step, path, data, *, expect, **extra):
        self.logs.step(step)
        response = self.client.post(path, data, **extra)
        assert response.status_code in expect, (step, response.status_code)
        return response

    def get(self, step, path, data=None, *, expect=(200,)):
        self.logs.step(step)
        response = self.client.get(path, data)
        assert response.status_code in expect, (step, response.status_code)
        return response

    def deliver(self, step):
        """Send what the queue holds; follow each emailed link (open it, click its button
        once expired, then in time), its tokens added to the secrets."""
        self.logs.step(f"{step}: delivery")
        sent = len(mail.outbox)
        send_queued_email()
        assert len(mail.outbox) > sent, f"{step}: nothing was emailed"
        paths = {path for message in mail.outbox[sent:] for path in LINK.findall(message.body)}
        for path in sorted(paths):
            self.logs.secrets.update(unquote(token) for token in TOKEN.findall(path))
            self.get(f"{step}: open {path}", path, expect=ANSWERED)
            with override_settings(**dict.fromkeys(LINK_MAX_AGES, -1)):
                self.post(f"{step}: click expired {path}", path, {}, expect=ANSWERED)
            self.post(f"{step}: click {path}", path, {}, expect=ANSWERED)

    def refusals(self, path, valid, limit, invalid=None):
        """The refused variants of a form whose accepted post was `valid`: a cross-site
        post, a filled honeypot, a body too large, invalid input, and a flood (the limit
        lowered to 1)."""
        self.post("cross-site", path, valid, expect=(403,), **CROSS_SITE)
        self.post("honeypot", path, {**valid, "website": "http://spam.example"}, expect=(400,))
        with override_settings(PUBLIC_POST_MAX_BYTES=1000):
            self.post("too large", path, {**valid, "padding": "x" * 1000}, expect=(413,))
        if invalid:
            self.post("invalid", path, {**valid, **invalid}, expect=(200, 400))
        setattr(self.settings, limit, 1)
        self.post("flood", path, valid, expect=(429,))


# --- every form ----------------------------------------------------------------------------


def contact(visitor):
    page = visitor.demo["contact"]
    valid = {"name": NAME, "email": EMAIL, "message": MESSAGE, "subject": MESSAGE}
    visitor.post("accepted", page.url, valid, expect=(200,))
    visitor.deliver("accepted")
    visitor.client.handler.enforce_csrf_checks = True
    visitor.post("no CSRF token", page.url, valid, expect=(403,))
    visitor.client.handler.enforce_csrf_checks = False
    visitor.refusals(page.url, valid, "CONTACT_PER_CLIENT", {"email": "leak.check+zz@"})


def follow(visitor):
    path = f"/follow/{visitor.demo['case'].pk}/"
    valid = {"email": EMAIL, "website": ""}
    visitor.post("accepted", path, valid, expect=(200,))
    visitor.deliver("accepted")
    visitor.refusals(path, valid, "FOLLOW_PER_CLIENT", {"email": "leak.check+zz@[127.0.0.1]"})


def sign(visitor):
    path = f"/sign/{visitor.demo['petition'].pk}/"
    valid = {"name": NAME, "email": EMAIL, "country": "KZ", "consent": "on", "website": ""}
    visitor.post("accepted", path, valid, expect=(303,))
    visitor.deliver("accepted")
    visitor.refusals(path, valid, "SIGN_PER_CLIENT", {"email": "leak.check+zz@", "consent": ""})


def letter(visitor):
    path = f"/letters/{visitor.demo['letter'].pk}/sent/"
    visitor.post("accepted", path, {"website": ""}, expect=(303,))
    visitor.refusals(path, {"website": ""}, "LETTERS_PER_CLIENT")


def comment(visitor):
    path = f"/comments/{visitor.demo['post'].pk}/"
    valid = {"author_name": NAME, "email": EMAIL, "body": MESSAGE, "website": ""}
    visitor.post("accepted", path, valid, expect=(200,))
    visitor.refusals(path, valid, "COMMENTS_PER_CLIENT", {"email": "leak.check+zz@", "body": ""})


def search(visitor):
    for path in ("/search/", "/blog/", "/cases/"):
        visitor.get(f"search {path}", path, {"q": EMAIL})
    visitor.get("contact ?case", visitor.demo["contact"].url, {"case": EMAIL})


def admin_sign_in(visitor):
    """The admin's sign-in as production has it (django-axes and two factors; tests/signin/
    conftest.py): the right password and a wrong code, then wrong passwords to a lockout."""
    settings = visitor.settings
    settings.AUTHENTICATION_BACKENDS = base_settings.AUTHENTICATION_BACKENDS
    settings.ADMIN_2FA_REQUIRED = True
    settings.ADMIN_ALLOWED_NETWORKS = []
    user = UserFactory(username="boss", is_superuser=True)
    user.set_password(PASSWORD)
    user.save()
    two_factor.enrol(user, pyotp.random_base32())
    right = {"username": "boss", "password": PASSWORD}
    visitor.post("right password", "/admin/login/", right, expect=(302,))
    visitor.post("wrong code", "/admin/signin/code/", {"code": "000000"}, expect=(200,))
    by_email = {"username": EMAIL, "password": PASSWORD}
    visitor.post("an address for a name", "/admin/login/", by_email, expect=(200,))
    wrong = {"username": "boss", "password": PASSWORD + "x"}
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        visitor.post(f"wrong password {attempt + 1}", "/admin/login/", wrong, expect=(200, 429))
    visitor.post("locked out", "/admin/login/", right, expect=(429,))


class RefusingMailer(BaseEmailBackend):
    """A mail server that refuses each recipient, saying who in its answer."""

    def send_messages(self, messages):
        refused = {to: (450, f"{to} unknown".encode()) for m in messages for to in m.to}
        raise smtplib.SMTPRecipientsRefused(refused)


def email_delivery(visitor):
    """Delivery that fails, is retried, and fails for good, of emails to the supporter."""
    mailer = f"{__name__}.{RefusingMailer.__name__}"
    visitor.settings.MAILERS = {"default": {"BACKEND": mailer}}
    visitor.settings.EMAIL_MAX_ATTEMPTS = 2
    visitor.post("follow", f"/follow/{visitor.demo['case'].pk}/", {"email": EMAIL}, expect=(200,))
    visitor.logs.step("delivery refused, retry later")
    send_queued_email()
    skip_back_off()
    visitor.logs.step("delivery refused again, failed")
    send_queued_email()
    assert OutboundEmail.objects.get(to=[EMAIL]).status == EmailStatus.FAILED


FORMS = [contact, follow, sign, letter, comment, search, admin_sign_in, email_delivery]


@pytest.mark.parametrize("form", FORMS, ids=lambda form: form.__name__)
@pytest.mark.parametrize("route", ROUTES)
def test_no_log_line_holds_a_client_address_or_supporter_data(demo, logs, settings, route, form):
    cache.clear()  # the rate limits count in the cache
    settings.TRUSTED_PROXIES = 1 if route == "proxied" else 0
    visitor = Visitor(Client(**ROUTES[route]), logs, demo, settings)
    form(visitor)
    leaks = logs.leaks()
    assert not leaks, "\n".join(leaks)


def test_the_capture_hears_every_logger_at_every_level_and_the_console(logs):
    """The instrument itself: a leak is found below the level settings.LOGGING gives a
    logger, from a logger made during the test, in an exception, and in what is printed."""
    logging.getLogger("django_tasks").debug("to %s", EMAIL)  # WARNING in settings.LOGGING
    logs.step("new logger")
    logging.getLogger("campaigns.somewhere.new").info(NAME)
    logs.step("exception")
    try:
        raise ValueError(MESSAGE)
    except ValueError:
        logging.getLogger("django.request").exception("Failed")
    print(CLIENT)
    leaks = "\n".join(logs.leaks())
    for expected in (
        f"setup: django_tasks: {EMAIL!r}",
        f"new logger: campaigns.somewhere.new: {NAME!r}",
        f"exception: django.request: {MESSAGE!r}",
        f"stdout: {CLIENT!r}",
        f"stderr: {EMAIL!r}",  # the line settings.LOGGING's console handler wrote
    ):
        assert expected in leaks
