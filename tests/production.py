"""Production settings as a test runs them: a complete production environment, and
`manage.py` run with it in a process of its own (settings are read once per process)."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "settings.production",
    "SECRET_KEY": "k3Jd9-qL2_vX8mN4pR7tW1yZ5bC0fH6gJ2kL8nP3sV9xA4dE7uI1oQ5wT8yR2eU6",
    "ALLOWED_HOSTS": "campaign.example.org",
    "DATABASE_URL": "sqlite:////tmp/campaigns-deploy-check.sqlite3",
    "CACHE_URL": "rediscache://127.0.0.1:6379/1",
    "EMAIL_URL": "smtp+tls://mailer:secret@smtp.example.org:587",
    "BASE_URL": "https://campaign.example.org",
    "CLIENT_HASH_KEY": "p9Vb2-Xe7_qT4wL1mZ8kR3sN6yH0cJ5d",
    # The open-data signing key: the base64 of a 32-byte Ed25519 seed (tests only).
    "OPEN_DATA_SIGNING_KEY": "dGVzdC1vbmx5LW9wZW4tZGF0YS1zZWVkLTMyLWJ5dGU=",
}


def manage(*args, env):
    clean = {
        key: value
        for key, value in os.environ.items()
        if key not in PRODUCTION_ENV and not key.startswith(("DEBUG", "DJANGO_"))
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
