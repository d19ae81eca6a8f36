"""The package `pip install .` built holds the whole site: run by .ci/run with the Python
of a throwaway virtualenv, from outside the checkout, with production settings.

Standard input lists the checkout's files of the runtime packages (`git ls-files`); each
must be in the installed package. Then Django starts from the installed copy: its system
checks pass, and templates, static files and migrations are found there, not in the
checkout.
"""

import sys
from pathlib import Path

import django

django.setup()

from django.contrib.staticfiles import finders  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db.migrations.loader import MigrationLoader  # noqa: E402
from django.template.loader import get_template  # noqa: E402

import campaigns  # noqa: E402

installed = Path(campaigns.__file__).resolve().parents[1]
if installed.name != "site-packages":
    sys.exit(f"campaigns was imported from {installed}, not from the installed package")

expected = [line.strip() for line in sys.stdin if line.strip()]
missing = [name for name in expected if not (installed / name).is_file()]
if not expected or missing:
    sys.exit(f"{len(missing)} of {len(expected)} files are not installed: {missing[:20]}")

call_command("check")
found = {
    "template": get_template("home/home_page.html").origin.name,
    "static file": finders.find("css/site.css"),
}
for what, path in found.items():
    if not path or not Path(path).resolve().is_relative_to(installed):
        sys.exit(f"the {what} was found at {path}, not in {installed}")
migrations = MigrationLoader(None, ignore_no_migrations=True).disk_migrations
for app in ("home", "campaigns"):
    if not any(label == app for label, _ in migrations):
        sys.exit(f"no migrations of {app} in the installed package")

print(f"{len(expected)} files of settings, home and campaigns installed and used from {installed}")
