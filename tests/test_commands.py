"""`manage.py ensure_admin`: the login `make run` prints."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command


def run(**env):
    out = StringIO()
    call_command("ensure_admin", stdout=out)
    return out.getvalue()


@pytest.fixture
def debug_on(settings):
    settings.DEBUG = True


def test_creates_an_admin_once_and_prints_the_login(db, debug_on, monkeypatch):
    monkeypatch.delenv("ADMIN_PASSWORD", raising=False)
    first = run()
    second = run()
    assert get_user_model().objects.filter(is_superuser=True).count() == 1
    assert "username: admin  password: change-me-now" in first
    assert "username: admin  password: change-me-now" in second


def test_uses_the_password_from_the_environment(db, debug_on, monkeypatch):
    monkeypatch.setenv("ADMIN_PASSWORD", "a-long-local-password")
    run()
    assert get_user_model().objects.get(username="admin").check_password("a-long-local-password")


def test_a_changed_password_is_not_printed(db, debug_on, monkeypatch):
    monkeypatch.delenv("ADMIN_PASSWORD", raising=False)
    run()
    admin = get_user_model().objects.get(username="admin")
    admin.set_password("something-else-entirely")
    admin.save()
    output = run()
    assert "change-me-now" not in output and "the password you set" in output


def test_refuses_a_default_password_outside_development(db, settings, monkeypatch):
    settings.DEBUG = False
    monkeypatch.delenv("ADMIN_PASSWORD", raising=False)
    with pytest.raises(CommandError, match="Set ADMIN_PASSWORD"):
        run()
