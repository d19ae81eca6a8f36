"""`manage.py ensure_admin`: the login `make run` prints."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from campaigns.access.roles import CAMPAIGNERS, EDITORS, SUPPORTER_DATA


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


def test_prints_the_login_at_the_sites_address(db, debug_on, settings, monkeypatch):
    monkeypatch.delenv("ADMIN_PASSWORD", raising=False)
    settings.BASE_URL = "http://127.0.0.1:8123"
    out = run()
    assert "Admin login: http://127.0.0.1:8123/admin/  username: admin" in out
    assert f"{CAMPAIGNERS} login: http://127.0.0.1:8123/admin/  username: campaigner" in out
    assert ":8000" not in out


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
    assert "username: admin  password" not in output
    assert "“admin” (with the password you set)" in output


def test_refuses_a_default_password_outside_development(db, settings, monkeypatch):
    settings.DEBUG = False
    monkeypatch.delenv("ADMIN_PASSWORD", raising=False)
    with pytest.raises(CommandError, match="Set ADMIN_PASSWORD"):
        run()


def groups_of(username):
    user = get_user_model().objects.get(username=username)
    return set(user.groups.values_list("name", flat=True))


def test_makes_a_demo_user_per_role_in_development(db, debug_on, monkeypatch):
    monkeypatch.delenv("ADMIN_PASSWORD", raising=False)
    output = run()
    run()
    for username, group in (
        ("campaigner", CAMPAIGNERS),
        ("editor", EDITORS),
        ("supporter-data", SUPPORTER_DATA),
    ):
        assert groups_of(username) == {group}
        user = get_user_model().objects.get(username=username)
        assert user.check_password("change-me-now")
        assert not user.is_superuser
        assert f"{group} login: " in output
        assert f"username: {username}  password: change-me-now" in output


def test_a_demo_users_changed_password_is_not_printed(db, debug_on, monkeypatch):
    monkeypatch.delenv("ADMIN_PASSWORD", raising=False)
    run()
    editor = get_user_model().objects.get(username="editor")
    editor.set_password("something-else-entirely")
    editor.save()
    output = run()
    assert "username: editor  (with the password you set)" in output
    assert "username: editor  password" not in output


def test_no_demo_users_outside_development(db, settings, monkeypatch):
    settings.DEBUG = False
    monkeypatch.setenv("ADMIN_PASSWORD", "a-long-production-password")
    output = run()
    assert get_user_model().objects.filter(is_superuser=True).count() == 1
    names = ("campaigner", "editor", "supporter-data")
    assert not get_user_model().objects.filter(username__in=names).exists()
    assert "change-me-now" not in output
