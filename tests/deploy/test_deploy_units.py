"""The systemd units in deploy/ are valid, run commands that exist, restart the long-running
services and keep the hardening options, and the admin names the worker's unit rightly."""

import configparser
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest
from django.core.management import get_commands

from campaigns.outbox.admin import WORKER_SERVICE

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
INSTALLED_AT = "/srv/campaigns"  # where the units expect the checkout
UNITS = sorted(DEPLOY.glob("*.service")) + sorted(DEPLOY.glob("*.timer"))
SERVICES = {"campaigns-web", WORKER_SERVICE}  # always running
HARDENING = {
    "NoNewPrivileges": "yes",
    "ProtectSystem": "strict",
    "PrivateTmp": "yes",
    "ProtectHome": "yes",
    "CapabilityBoundingSet": "",
}


def parse(path):
    unit = configparser.ConfigParser(strict=False, interpolation=None)
    unit.optionxform = str  # systemd's keys are case-sensitive
    unit.read(path)
    return unit


def exec_start(path):
    return shlex.split(parse(path)["Service"]["ExecStart"])


def test_there_are_units_for_the_site_the_worker_and_the_scheduled_jobs():
    names = {path.name for path in UNITS}
    assert {f"{name}.service" for name in SERVICES} <= names
    for job in ("campaigns-purge", "campaigns-publish-scheduled"):
        assert {f"{job}.service", f"{job}.timer"} <= names


def test_systemd_accepts_every_unit(tmp_path):
    """`systemd-analyze verify` on the units as installed in this checkout: no unknown key,
    no bad value, every ExecStart executable."""
    systemd_analyze = shutil.which("systemd-analyze")
    if not systemd_analyze:
        pytest.skip("systemd-analyze is not installed (the other tests still parse the units)")
    for path in UNITS:
        text = path.read_text().replace(INSTALLED_AT, str(ROOT))
        (tmp_path / path.name).write_text(text)
    result = subprocess.run(
        [systemd_analyze, "verify", *(str(tmp_path / path.name) for path in UNITS)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr.strip() == "", result.stderr


@pytest.mark.parametrize("path", [p for p in UNITS if p.suffix == ".service"], ids=str)
def test_every_service_runs_a_real_command_of_this_site(path):
    command = exec_start(path)
    assert command[0].startswith(f"{INSTALLED_AT}/.venv/bin/")
    if "manage.py" in command:
        name = command[command.index("manage.py") + 1]
        assert name in get_commands(), f"{path.name}: no command {name}"
    else:
        # The configuration names the application: nothing else on the command line.
        assert [Path(command[0]).name, *command[1:]] == [
            "gunicorn",
            "-c",
            "deploy/gunicorn.conf.py",
        ]
        assert (ROOT / command[2]).is_file(), f"{path.name}: {command[2]} is missing"
    service = parse(path)["Service"]
    assert service["WorkingDirectory"] == INSTALLED_AT
    assert service["EnvironmentFile"] == "/etc/campaigns/env"
    assert "DJANGO_SETTINGS_MODULE=settings.production" in service["Environment"]
    for key, value in HARDENING.items():
        assert service.get(key) == value, f"{path.name}: {key}"


@pytest.mark.parametrize("name", sorted(SERVICES))
def test_the_long_running_services_are_restarted_whatever_happens(name):
    unit = parse(DEPLOY / f"{name}.service")
    assert unit["Service"]["Restart"] == "always"
    assert int(unit["Service"]["RestartSec"]) > 0
    assert unit["Service"]["KillSignal"] == "SIGTERM"  # a clean stop for both
    assert unit["Install"]["WantedBy"] == "multi-user.target"


def test_the_worker_is_the_one_that_survives_database_outages():
    assert exec_start(DEPLOY / f"{WORKER_SERVICE}.service")[-1] == "email_worker"
    assert parse(DEPLOY / f"{WORKER_SERVICE}.service")["Unit"]["StartLimitIntervalSec"] == "0"


@pytest.mark.parametrize("path", [p for p in UNITS if p.suffix == ".timer"], ids=str)
def test_each_timer_starts_its_service(path):
    assert (DEPLOY / path.with_suffix(".service").name).is_file()
    timer = parse(path)
    assert timer["Timer"]["OnCalendar"]
    assert timer["Install"]["WantedBy"] == "timers.target"
