"""Production settings refuse to start half-configured, and pass `check --deploy` when set;
development settings give the address `make run` serves on."""

import json
import os
import subprocess
import sys

import pytest

from settings.base import mailer_from_url

from .production import PRODUCTION_ENV, ROOT, manage


@pytest.mark.parametrize(
    ("missing", "message"),
    [
        ("SECRET_KEY", "SECRET_KEY must be set"),
        ("ALLOWED_HOSTS", "ALLOWED_HOSTS must list"),
        ("DATABASE_URL", "DATABASE_URL must point"),
        ("BASE_URL", "BASE_URL must be the site's public address"),
        ("CLIENT_HASH_KEY", "CLIENT_HASH_KEY must be set"),
    ],
)
def test_production_refuses_to_start_without(missing, message):
    env = {key: value for key, value in PRODUCTION_ENV.items() if key != missing}
    result = manage("check", env=env)
    assert result.returncode != 0
    assert message in result.stderr


def test_production_refuses_a_short_or_example_secret():
    result = manage("check", env={**PRODUCTION_ENV, "SECRET_KEY": "change-me"})
    assert result.returncode != 0
    assert "at least 50 characters" in result.stderr


def test_production_refuses_debug():
    result = manage("check", env={**PRODUCTION_ENV, "DEBUG": "true"})
    assert result.returncode != 0
    assert "DEBUG must be off" in result.stderr


@pytest.mark.parametrize(
    "database_url",
    [
        "sqlite:////tmp/campaigns-deploy-check.sqlite3",
        "postgres://campaigns:secret@db.internal:5432/campaigns",
    ],
)
def test_production_check_deploy_is_clean(database_url):
    env = {**PRODUCTION_ENV, "DATABASE_URL": database_url}
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


@pytest.mark.parametrize(
    ("base_url", "allowed_hosts"),
    [
        ("https://www.example.org", "campaign.example.org"),
        ("https://example.org.evil.test", ".example.org"),
        ("https://campaign.example.org:8443", "example.org"),
        ("http://127.0.0.1:8000", "campaign.example.org"),
    ],
)
def test_production_refuses_a_base_url_its_hosts_would_refuse(base_url, allowed_hosts):
    env = {**PRODUCTION_ENV, "BASE_URL": base_url, "ALLOWED_HOSTS": allowed_hosts}
    result = manage("check", env=env)
    assert result.returncode != 0
    line = f"BASE_URL={base_url} names a host that ALLOWED_HOSTS={allowed_hosts} does not let in"
    assert line in result.stderr


@pytest.mark.parametrize(
    ("base_url", "allowed_hosts"),
    [
        ("https://Campaign.Example.org/", "campaign.example.org"),
        ("https://campaign.example.org:8443", "campaign.example.org"),
        ("https://campaign.example.org", ".example.org"),
        ("https://example.org", ".example.org"),
        ("https://campaign.example.org", "other.example.net,*"),
        ("http://[::1]:8000", "[::1]"),
    ],
)
def test_production_accepts_a_base_url_its_hosts_let_in(base_url, allowed_hosts):
    env = {**PRODUCTION_ENV, "BASE_URL": base_url, "ALLOWED_HOSTS": allowed_hosts}
    result = manage("check", env=env)
    assert result.returncode == 0, result.stderr


# What the tests give settings.dev, never inherited from the environment running them.
DEVELOPMENT_INPUTS = {
    "HOST",
    "PORT",
    "BASE_URL",
    "ALLOWED_HOSTS",
    "CSRF_TRUSTED_ORIGINS",
    "SECRET_KEY",
    "EMAIL_URL",
}


def development_settings(*names, **env):
    """The values of settings.dev's `names` with `env` as the only address-related input."""
    clean = {
        key: value
        for key, value in os.environ.items()
        if key not in DEVELOPMENT_INPUTS and not key.startswith(("DEBUG", "DJANGO_"))
    }
    code = (
        "import django, json; django.setup(); from django.conf import settings; "
        f"print(json.dumps([getattr(settings, name) for name in {list(names)!r}]))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**clean, "DJANGO_SETTINGS_MODULE": "settings.dev", **env},
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return json.loads(result.stdout)


@pytest.mark.parametrize(
    ("env", "base_url"),
    [
        ({}, "http://127.0.0.1:8000"),
        ({"PORT": "8123"}, "http://127.0.0.1:8123"),
        ({"HOST": "localhost", "PORT": "8123"}, "http://localhost:8123"),
        ({"HOST": "0.0.0.0", "PORT": "8123"}, "http://127.0.0.1:8123"),  # noqa: S104
        ({"PORT": "8123", "BASE_URL": "https://demo.example.test/"}, "https://demo.example.test"),
    ],
)
def test_development_base_url_follows_where_make_run_serves(env, base_url):
    assert development_settings("BASE_URL", "WAGTAILADMIN_BASE_URL", **env) == [base_url] * 2


def test_development_server_answers_to_its_base_url():
    (hosts,) = development_settings("ALLOWED_HOSTS", HOST="192.168.1.5", PORT="8123")
    assert "192.168.1.5" in hosts
    assert "127.0.0.1" in hosts
    hosts, origins = development_settings(
        "ALLOWED_HOSTS", "CSRF_TRUSTED_ORIGINS", BASE_URL="https://demo.example.test:8443"
    )
    assert "demo.example.test" in hosts
    assert origins == ["https://demo.example.test:8443"]


def test_development_email_is_written_decoded_to_var_mail():
    (mailers,) = development_settings("MAILERS")
    assert mailers["default"] == {
        "BACKEND": "home.mail.DevelopmentEmailBackend",
        "OPTIONS": {"directory": str(ROOT / "var" / "mail")},
    }
    (mailers,) = development_settings("MAILERS", EMAIL_URL="smtp://127.0.0.1:1025")
    assert mailers["default"]["BACKEND"] == "django.core.mail.backends.smtp.EmailBackend"


def test_smtp_url_becomes_a_mailer():
    mailer = mailer_from_url("smtp+tls://user:pa%40ss@mail.example.org:587")
    assert mailer["BACKEND"] == "django.core.mail.backends.smtp.EmailBackend"
    assert mailer["OPTIONS"]["host"] == "mail.example.org"
    assert mailer["OPTIONS"]["port"] == 587
    assert mailer["OPTIONS"]["username"] == "user"
    assert mailer["OPTIONS"]["password"] == "pa@ss"
    assert mailer["OPTIONS"]["use_tls"] is True


def test_console_url_becomes_a_console_mailer():
    mailer = mailer_from_url("consolemail://")
    assert mailer == {"BACKEND": "django.core.mail.backends.console.EmailBackend", "OPTIONS": {}}
