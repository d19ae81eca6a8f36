"""`make run`'s demo users (ensure_admin, DEBUG only) who must sign in with a second factor
get the published demo key, and the console says how to get a code without a phone."""

from io import StringIO

import pyotp
import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from campaigns.management.commands.ensure_admin import DEMO_TOTP_SECRET
from home.signin import two_factor
from home.signin.models import TwoFactorDevice

from .conftest import give_code, is_signed_in, sign_in

pytestmark = pytest.mark.django_db


def ensure_admin(monkeypatch):
    monkeypatch.delenv("ADMIN_PASSWORD", raising=False)
    out = StringIO()
    call_command("ensure_admin", stdout=out)
    return out.getvalue()


def test_demo_users_who_need_it_get_the_demo_key(client, settings, monkeypatch):
    settings.DEBUG = True
    output = ensure_admin(monkeypatch)
    assert "Two-factor code for admin, editor, supporter-data" in output
    assert DEMO_TOTP_SECRET in output
    assert "pyotp" in output
    assert sign_in(client, "editor", "change-me-now").status_code == 302
    assert give_code(client, pyotp.TOTP(DEMO_TOTP_SECRET).now()).status_code == 302
    assert is_signed_in(client)


def test_no_demo_key_for_a_changed_password_or_the_campaigner(settings, monkeypatch):
    settings.DEBUG = True
    ensure_admin(monkeypatch)
    users = get_user_model().objects
    assert not two_factor.is_enrolled(users.get(username="campaigner"))
    two_factor.reset(users.get(username="editor"))
    editor = users.get(username="editor")
    editor.set_password("a-password-of-her-own")
    editor.save()
    output = ensure_admin(monkeypatch)
    assert not two_factor.is_enrolled(editor)
    assert "Two-factor code for admin, supporter-data " in output


def test_no_demo_key_outside_development(settings, monkeypatch):
    settings.DEBUG = False
    monkeypatch.setenv("ADMIN_PASSWORD", "a-long-production-password")
    out = StringIO()
    call_command("ensure_admin", stdout=out)
    assert not TwoFactorDevice.objects.exists()
    assert DEMO_TOTP_SECRET not in out.getvalue()
