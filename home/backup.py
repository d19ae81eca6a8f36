"""Backups: the whole site in one archive, and back from it into an empty database.

`manage.py backup` writes one `.tar.gz` holding

- `data.json`: every row of every app (pages, revisions, translations, images' records,
  form submissions, signatures, follows, the email queue, users, and the content types
  and permissions they point at) in Django's fixture format, each with its own id, as
  `dumpdata` writes it. (Not `--natural-foreign`: that names pages by natural key, and
  fails on the log entries of deleted pages, which Wagtail keeps.)
- `media/`: every file of the default storage (original images, documents; renditions are
  left out, Wagtail makes them again on demand);
- `manifest.json`: when, from which migrations, and how many rows of each model, which
  `restore` checks after loading.

Left out, because they are made again: sessions (everybody signs in again), the search
index and the reference index (rebuilt by `restore`), and the admin sign-in's failure
records.

`manage.py restore` migrates the database, checks that its migrations are the archive's
(restore with the version of the site that made the backup, then upgrade), refuses a
database that holds content (unless told to replace it), empties every table, loads
`data.json` and the media, rebuilds the indexes and checks every model's row count
against the manifest. One format on SQLite and PostgreSQL: an archive from one loads into
the other.

The archive holds supporters' data (addresses, messages): it is as sensitive as the
database, so it is written readable by its owner only.
"""

import io
import json
import os
import tarfile
import tempfile
from pathlib import Path

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.core.management.base import CommandError
from django.core.serializers.base import DeserializationError
from django.db import DatabaseError, connection, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone
from wagtail.models import Page

from home.i18n import forget_locales

FORMAT = 1
# Apps and models that are made again rather than restored (see the module docstring).
EXCLUDED = {
    "sessions",
    "axes",
    "wagtailsearch.indexentry",
    "wagtailsearch.sqliteftsindexentry",
    "wagtailcore.referenceindex",
}
# Wagtail makes renditions again from the originals.
SKIPPED_MEDIA = ("images/",)


class BackupError(Exception):
    """Why a backup could not be written or restored, in words for the console."""


def installed_labels():
    """App labels and model labels ("app.model") of this site, as dumpdata takes them."""
    return {config.label for config in apps.get_app_configs()} | {
        model._meta.label_lower for model in apps.get_models()
    }


def dumped_apps():
    """The apps to dump, content types and permissions first: rows that point at them
    then load into a database that already holds them, with the archive's ids."""
    first = ["contenttypes", "auth"]
    return first + [
        config.label
        for config in apps.get_app_configs()
        if config.label not in first and config.label not in EXCLUDED
    ]


def restored_models():
    """The models whose rows the archive carries (auto-created many-to-many tables come
    with the rows of the model that declares them)."""
    return [
        model
        for model in apps.get_models()
        if model._meta.app_label not in EXCLUDED
        and model._meta.label_lower not in EXCLUDED
        and model._meta.managed
        and not model._meta.proxy
    ]


def row_counts():
    return {model._meta.label_lower: model._base_manager.count() for model in restored_models()}


def media_files(storage):
    """Every file path of `storage`, renditions apart, walking its directories."""
    pending = [""]
    while pending:
        directory = pending.pop()
        folders, files = storage.listdir(directory)
        for folder in folders:
            pending.append(f"{directory}{folder}/")
        for name in files:
            path = f"{directory}{name}"
            if not path.startswith(SKIPPED_MEDIA):
                yield path


def latest_migrations():
    recorder = MigrationRecorder(connection)
    latest = {}
    for app, name in recorder.applied_migrations():
        latest[app] = max(latest.get(app, name), name)
    return latest


def add_bytes(archive, name, data):
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mtime = int(timezone.now().timestamp())
    info.mode = 0o600
    archive.addfile(info, io.BytesIO(data))


def no_statement_timeout():
    """Lift DATABASE_STATEMENT_TIMEOUT for this connection: a backup or a restore of a
    large site runs longer than a web request may."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET statement_timeout = 0")


def snapshot():
    """Make the transaction just opened see one moment of the database throughout.

    PostgreSQL's default (READ COMMITTED) gives each query a fresh view: a signature
    posted between the dump of two tables, or between the dump and the counts, would make
    an archive that does not restore. REPEATABLE READ gives every query of the
    transaction the moment of its first. (SQLite's transactions here take the write lock
    at their start, so nothing changes under them.) Inside a transaction opened earlier,
    as in the tests, the isolation is that transaction's.
    """
    if connection.vendor == "postgresql" and not connection.savepoint_ids:
        with connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")


def write_backup(path, storage, log=print):
    """Write the archive to `path`; returns the manifest."""
    path = Path(path)
    no_statement_timeout()
    with tempfile.TemporaryDirectory() as scratch:
        data_file = Path(scratch) / "data.json"
        # One transaction: the rows and the counts are of the same moment.
        with transaction.atomic():
            snapshot()
            call_command(
                "dumpdata",
                *dumped_apps(),
                exclude=sorted(EXCLUDED & installed_labels()),
                output=str(data_file),
                verbosity=0,
            )
            counts = row_counts()
        files = list(media_files(storage))
        manifest = {
            "format": FORMAT,
            "created": timezone.now().isoformat(),
            "database": connection.vendor,
            "migrations": latest_migrations(),
            "rows": counts,
            "media": len(files),
        }
        # Owner-only from the first byte: the archive holds supporters' data.
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "wb") as raw, tarfile.open(fileobj=raw, mode="w:gz") as archive:
            add_bytes(archive, "manifest.json", json.dumps(manifest, indent=2).encode())
            archive.add(data_file, arcname="data.json")
            for name in files:
                with storage.open(name) as handle:
                    add_bytes(archive, f"media/{name}", handle.read())
    log(f"Backed up {sum(counts.values())} rows and {len(files)} media files to {path}")
    return manifest


def holds_content():
    """True when the database has anything beyond what `migrate` makes: pages past
    Wagtail's initial root and welcome page, or any user."""
    return Page.objects.count() > 2 or get_user_model()._default_manager.exists()


def read_backup(path):
    """(manifest, archive) of an archive `restore` can load; raises BackupError if not."""
    try:
        archive = tarfile.open(path, mode="r:gz")  # noqa: SIM115 - the caller closes it
        manifest = json.load(archive.extractfile("manifest.json"))
    except (OSError, tarfile.TarError, KeyError, ValueError) as error:
        raise BackupError(f"{path} is not a backup made by `manage.py backup`: {error}") from error
    if manifest.get("format") != FORMAT:
        raise BackupError(f"{path} has backup format {manifest.get('format')}, not {FORMAT}.")
    return manifest, archive


def check_migrations(manifest):
    """The archive's rows fit this database's tables only when both are at the same
    migrations: restore with the version of the site that made the backup, then upgrade."""
    here = latest_migrations()
    differ = sorted(
        f"{app} (backup: {name}, here: {here.get(app, 'none')})"
        for app, name in manifest["migrations"].items()
        if here.get(app) != name
    )
    if differ:
        raise BackupError(
            "The backup was made by another version of the site: "
            + "; ".join(differ)
            + ". Restore it with the version that made it, then upgrade."
        )


def restore_backup(path, storage, *, replace=False, log=print):
    """Load the archive at `path` into this database and storage; returns the row counts."""
    manifest, archive = read_backup(path)
    no_statement_timeout()
    with archive:
        call_command("migrate", interactive=False, verbosity=0)
        check_migrations(manifest)
        if holds_content() and not replace:
            raise BackupError(
                "This database already holds a site. Restoring replaces all of it: run "
                "`manage.py restore --replace <archive>` if that is what you want."
            )
        with tempfile.TemporaryDirectory() as scratch:
            archive.extract("data.json", scratch, filter="data")
            # Every table emptied, and left empty: the rows that `migrate` made (content
            # types, permissions, the root page, the default site, the groups) come back
            # from the archive with their own ids. One transaction: if loading fails,
            # the database is left as it was (with --replace, the site it held).
            try:
                with transaction.atomic():
                    call_command(
                        "flush", interactive=False, inhibit_post_migrate=True, verbosity=0
                    )
                    # Content types this process remembers are gone: none may be looked up
                    # (and made again, with new ids) from memory while the rows load.
                    ContentType.objects.clear_cache()
                    call_command("loaddata", str(Path(scratch) / "data.json"), verbosity=0)
            except (DatabaseError, DeserializationError, CommandError) as error:
                ContentType.objects.clear_cache()
                raise BackupError(
                    f"The archive's rows could not be loaded ({error}); nothing was changed."
                ) from error
        restored_files = 0
        for member in archive.getmembers():
            if member.isfile() and member.name.startswith("media/"):
                name = member.name.removeprefix("media/")
                if storage.exists(name):
                    storage.delete(name)
                storage.save(name, archive.extractfile(member))
                restored_files += 1
    # This process looked up content types and locales by the ids `migrate` gave them;
    # the archive's ids are now the truth.
    ContentType.objects.clear_cache()
    forget_locales()
    call_command("rebuild_references_index", verbosity=0)
    call_command("update_index", verbosity=0)
    counts = row_counts()
    missing = {
        label: (expected, counts.get(label, 0))
        for label, expected in manifest["rows"].items()
        if counts.get(label, 0) != expected
    }
    if missing:
        raise BackupError(
            "Restored, but some tables do not hold what the backup does (expected, found): "
            + ", ".join(f"{label} {pair}" for label, pair in sorted(missing.items()))
        )
    log(f"Restored {sum(counts.values())} rows and {restored_files} media files from {path}")
    return counts
