"""Lockout after repeated failed sign-ins (django-axes on Django 6.1 and Wagtail 8's login
view): per account, per client, the page that says so, the unlock paths, and privacy."""

import logging
from io import StringIO

import pytest
from axes.models import AccessAttempt, AccessLog
from django.core.management import call_command

from .conftest import LOGIN, attempts, fully_signed_in, is_signed_in, sign_in

pytestmark = pytest.mark.django_db

LOCKED = "Signing in is locked for now"


def fail(client, username, times, address="127.0.0.1"):
    return [sign_in(client, username, "wrong", address).status_code for _ in range(times)]


def test_the_sixth_attempt_is_refused_even_with_the_right_password(client, editor):
    assert fail(client, "ed", 4) == [200, 200, 200, 200]  # the form again, with its error
    fifth = sign_in(client, "ed", "wrong")
    assert fifth.status_code == 429
    right = sign_in(client, "ed")
    assert right.status_code == 429
    assert LOCKED in right.text
    assert "locked for 15 minutes after the last attempt" in right.text
    assert "Settings → Locked sign-ins" in right.text
    assert not is_signed_in(client)


def test_the_lockout_lasts_as_long_as_the_setting_says(client, editor, settings):
    settings.ADMIN_LOCKOUT_MINUTES = 7
    settings.AXES_COOLOFF_TIME = 7 / 60
    fail(client, "ed", 5)
    assert "locked for 7 minutes" in sign_in(client, "ed").text
    # Once the cool-off time has passed since the last failure, the right password works.
    AccessAttempt.objects.update(
        attempt_time=AccessAttempt.objects.get().attempt_time.replace(year=2000)
    )
    assert sign_in(client, "ed").status_code == 302


def test_a_locked_account_is_locked_from_every_client(client, editor):
    fail(client, "ed", 5, address="198.51.100.1")
    assert sign_in(client, "ed", address="198.51.100.2").status_code == 429


def test_another_account_is_not_locked_from_another_client(client, editor, campaigner):
    fail(client, "ed", 5, address="198.51.100.1")
    assert sign_in(client, "cam", address="198.51.100.2").status_code == 302


def test_a_client_over_the_limit_is_locked_for_every_account(client, editor, campaigner):
    for name in ("a", "b", "c", "d", "e"):
        sign_in(client, name, "wrong", address="198.51.100.1")
    # Five failures, each for another name: this client may not try a sixth account...
    assert sign_in(client, "cam", address="198.51.100.1").status_code == 429
    # ...while the same account from elsewhere is fine.
    assert sign_in(client, "cam", address="198.51.100.2").status_code == 302


def test_an_ipv6_client_is_counted_by_its_64_network(client, editor, campaigner):
    """One phone or household gets a whole /64: walking through its addresses is still
    one client; another /64 is another."""
    for n, name in enumerate(("a", "b", "c", "d", "e")):
        sign_in(client, name, "wrong", address=f"2001:db8:1:2::{n + 1}")
    assert sign_in(client, "cam", address="2001:db8:1:2::ffff").status_code == 429
    assert sign_in(client, "cam", address="2001:db8:1:3::1").status_code == 302


def test_a_superuser_sees_and_unlocks_a_locked_account(client, editor, superuser):
    fail(client, "ed", 5, address="198.51.100.1")
    admin = client.__class__()
    fully_signed_in(admin, superuser)
    assert "Locked sign-ins" in admin.get("/admin/").text  # in the Settings menu
    page = admin.get("/admin/signin/locked/")
    assert page.status_code == 200
    assert "Unlock ed" in page.text
    assert "1 client (a network address, kept only as a hash) is locked" in page.text
    response = admin.post("/admin/signin/locked/", {"action": "unlock", "username": "ed"})
    assert response.status_code == 302
    assert "Unlock ed" not in admin.get("/admin/signin/locked/").text
    assert sign_in(client, "ed", address="198.51.100.1").status_code == 302


def test_only_superusers_see_locked_sign_ins(client, editor):
    fully_signed_in(client, editor)
    # Wagtail turns "permission denied" into a way back to the dashboard.
    response = client.get("/admin/signin/locked/")
    assert (response.status_code, response.url) == (302, "/admin/")
    assert "Locked sign-ins" not in client.get("/admin/").text


def test_the_command_unlocks_an_account(client, editor):
    fail(client, "ed", 5)
    call_command("axes_reset_username", "ed", stdout=StringIO())
    assert sign_in(client, "ed").status_code == 302


def test_the_lockout_holds_while_the_cache_is_down(client, editor, settings):
    """Counted in the database: an unreachable cache neither unlocks nor breaks sign-in."""
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:9/11",  # the discard port: nothing answers
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        }
    }
    fail(client, "ed", 5)
    assert sign_in(client, "ed").status_code == 429


def test_no_client_address_or_browser_is_stored_or_logged(client, editor, caplog, settings):
    settings.TRUSTED_PROXIES = 1
    address, browser = "203.0.113.77", "SecretBrowser/9.9"
    caplog.set_level(logging.DEBUG)
    headers = {"HTTP_X_FORWARDED_FOR": address, "HTTP_USER_AGENT": browser}
    for _ in range(5):
        sign_in(client, "ed", "wrong", address="10.0.0.1", **headers)
    sign_in(client, "cam", "wrong", address="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.78")
    rows = attempts()
    assert len(rows) == 2
    stored = " ".join(str(value) for row in rows for value in vars(row).values())
    for secret in (address, "203.0.113.78", "10.0.0.1", browser, "wrong"):
        assert secret not in stored
        assert secret not in caplog.text
    # Each client is a keyed hash, shaped as a documentation address: one per client.
    assert {row.ip_address.split(":")[:2] == ["2001", "db8"] for row in rows} == {True}
    assert len({row.ip_address for row in rows}) == 2
    assert {row.user_agent for row in rows} == {""}
    # A success leaves no access log behind.
    AccessAttempt.objects.all().delete()
    assert sign_in(client, "ed", address="10.0.0.1", **headers).status_code == 302
    assert not AccessLog.objects.exists()
    assert address not in caplog.text


def test_the_login_page_is_wagtails(client):
    assert "Sign in" in client.get(LOGIN).text
