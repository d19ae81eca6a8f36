"""Admin sign-in as production has it: django-axes' backend and the two-factor requirement
on (settings/test.py turns both off for the rest of the suite), and people to sign in."""

import re

import pyotp
import pytest
from axes.models import AccessAttempt

from campaigns.access.roles import CAMPAIGNERS, EDITORS
from home.signin import middleware, two_factor
from settings import base as base_settings

from ..access.factories import UserFactory

LOGIN = "/admin/login/"
PASSWORD = "pw"  # UserFactory's


@pytest.fixture(autouse=True)
def production_sign_in(settings):
    settings.AUTHENTICATION_BACKENDS = base_settings.AUTHENTICATION_BACKENDS
    settings.ADMIN_2FA_REQUIRED = True
    settings.ADMIN_ALLOWED_NETWORKS = []
    settings.TRUSTED_PROXIES = 0


@pytest.fixture
def editor(db):
    return UserFactory(username="ed", role=EDITORS)


@pytest.fixture
def campaigner(db):
    return UserFactory(username="cam", role=CAMPAIGNERS)


@pytest.fixture
def superuser(db):
    return UserFactory(username="boss", is_superuser=True)


def sign_in(client, username, password=PASSWORD, address="127.0.0.1", **extra):
    """Post the admin's sign-in form, as a browser at `address` would."""
    return client.post(
        LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address, **extra
    )


def give_code(client, code, address="127.0.0.1"):
    return client.post("/admin/signin/code/", {"code": code}, REMOTE_ADDR=address)


def fully_signed_in(client, user):
    """Signed in with both factors already (for tests about something else): someone who
    must have an authenticator is given one."""
    if two_factor.standing(user) is None:
        enrolled(user)
    client.force_login(user)
    session = client.session
    session[middleware.PASSED] = two_factor.standing(user)
    session.save()


def enrolled(user):
    """Enrol `user` with a fresh secret; return (totp, recovery codes)."""
    secret = two_factor.new_secret()
    codes = two_factor.enrol(user, secret)
    return pyotp.TOTP(secret), codes


def secret_on_page(response):
    match = re.search(r"<code data-secret>([A-Z2-7 ]+)</code>", response.text)
    assert match, "no secret on the enrolment page"
    return match.group(1).replace(" ", "")


def is_signed_in(client):
    """Does the admin's dashboard open (not a redirect to a sign-in step)?"""
    return client.get("/admin/").status_code == 200


def attempts():
    return list(AccessAttempt.objects.all())
