"""`manage.py backup` and `manage.py restore`: the demo site with supporters' data, backed
up here, restored into an empty database by another process, is all there and serves.

The restore target is a database of the same kind as the test database: a new SQLite file,
or, in CI's PostgreSQL pass, a new PostgreSQL database next to the test one.
"""

import io
import json
import subprocess
import sys
import tarfile
from io import StringIO
from pathlib import Path

import psycopg
import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.utils import timezone
from wagtail.contrib.forms.models import FormSubmission
from wagtail.models import Page, Revision

from campaigns.actions.models import ActionPage, Signature
from campaigns.blog.comments import BlogComment
from campaigns.blog.models import BlogPostPage
from campaigns.cases.models import CasePage
from campaigns.contact.models import ContactPage
from campaigns.follows.models import Follow
from home.backup import BackupError, read_backup
from tests.actions.factories import SignatureFactory
from tests.blog.factories import BlogCommentFactory
from tests.follows.factories import FollowFactory

ROOT = Path(__file__).resolve().parents[2]

# Run in the restored site's own process: restore, then report what it holds and serves.
CHECK = """
import json
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.test import Client
from wagtail.contrib.forms.models import FormSubmission
from wagtail.models import Page, Revision
from campaigns.actions.models import Signature
from campaigns.blog.comments import BlogComment
from campaigns.follows.models import Follow

call_command("restore", {archive!r})
client = Client()
found = {{
    "pages": sorted(Page.objects.values_list("url_path", flat=True)),
    "revisions": Revision.objects.count(),
    "submissions": list(FormSubmission.objects.values_list("form_data", flat=True)),
    "signatures": sorted(Signature.objects.values_list("email", "name")),
    "follows": sorted(Follow.objects.values_list("email", flat=True)),
    "comments": sorted(BlogComment.objects.values_list("body", flat=True)),
    "status": {{path: client.get(path).status_code for path in {paths!r}}},
    "media": default_storage.listdir("original_images")[1],
    "search": client.get("/search/?q=Kazakhstan").content.decode().count('class="result"'),
}}
# New rows get new ids (PostgreSQL's sequences were moved past the restored ones).
signature = Signature.objects.first()
signature.pk = None
signature.email = "after-restore@example.org"
signature.save()
print("RESTORED " + json.dumps(found, default=str))
"""


@pytest.fixture
def site_with_supporters(built_demo, db):
    """The demo, with one of each thing supporters send."""
    petition = ActionPage.objects.filter(kind="petition", locale__language_code="en").first()
    case = CasePage.objects.filter(locale__language_code="en").first()
    post = BlogPostPage.objects.filter(locale__language_code="en").first()
    contact = ContactPage.objects.filter(locale__language_code="en").first()
    SignatureFactory(
        action=petition,
        email="ana.backup@example.org",
        name="Ана Бэкап",
        confirmed_at=timezone.now(),
    )
    FollowFactory(case=case, email="follower.backup@example.org", confirmed_at=timezone.now())
    BlogCommentFactory(post=post, author_name="Reader", body="Кері қайтарылсын: backup test.")
    FormSubmission.objects.create(
        page=contact, form_data={"message": "A message kept across a restore."}
    )
    return {"petition": petition, "case": case, "post": post}


def restore_target(tmp_path):
    """(DATABASE_URL, drop) of an empty database of the test database's kind."""
    if connection.vendor == "sqlite":
        return f"sqlite:///{tmp_path / 'restored.sqlite3'}", lambda: None
    params = connection.get_connection_params()
    name = f"{connection.settings_dict['NAME']}_restored"
    admin = {k: params[k] for k in ("host", "port", "user") if params.get(k)}
    with psycopg.connect(dbname="postgres", autocommit=True, **admin) as pg:
        pg.execute(f'DROP DATABASE IF EXISTS "{name}"')
        pg.execute(f'CREATE DATABASE "{name}"')

    def drop():
        with psycopg.connect(dbname="postgres", autocommit=True, **admin) as pg:
            pg.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    user = params.get("user", "postgres")
    return f"postgres://{user}@{params['host']}:{params.get('port', 5432)}/{name}", drop


def test_a_backup_restores_into_an_empty_database_with_everything(site_with_supporters, tmp_path):
    archive = tmp_path / "site.tar.gz"
    call_command("backup", str(archive), stdout=StringIO())
    assert archive.stat().st_mode & 0o077 == 0, "the archive is for its owner only"

    expected = {
        "pages": sorted(Page.objects.values_list("url_path", flat=True)),
        "revisions": Revision.objects.count(),
        "signatures": sorted(map(list, Signature.objects.values_list("email", "name"))),
        "follows": sorted(Follow.objects.values_list("email", flat=True)),
        "comments": sorted(BlogComment.objects.values_list("body", flat=True)),
    }
    paths = ["/", "/cases/", site_with_supporters["case"].url, "/ru/", "/kk/"]
    url, drop = restore_target(tmp_path)
    try:
        result = subprocess.run(
            [
                sys.executable,
                "manage.py",
                "shell",
                "-c",
                CHECK.format(archive=str(archive), paths=paths),
            ],
            cwd=ROOT,
            env={
                "PATH": "/usr/bin:/bin",
                "DJANGO_SETTINGS_MODULE": "settings.test",
                "DATABASE_URL": url,
            },
            capture_output=True,
            text=True,
            timeout=300,
        )
    finally:
        drop()
    assert result.returncode == 0, result.stderr[-3000:]
    found = json.loads(result.stdout.split("RESTORED ", 1)[1])

    assert found["pages"] == expected["pages"]
    assert found["revisions"] == expected["revisions"] > 0
    assert found["signatures"] == expected["signatures"]
    assert ["ana.backup@example.org", "Ана Бэкап"] in found["signatures"]
    assert found["follows"] == expected["follows"]
    assert "follower.backup@example.org" in found["follows"]
    assert "Кері қайтарылсын: backup test." in found["comments"]
    assert {"message": "A message kept across a restore."} in found["submissions"]
    assert set(found["status"].values()) == {200}, found["status"]
    assert found["search"] > 0, "the search index was rebuilt"
    # The media (the demo's images) came back too.
    assert found["media"] == default_storage.listdir("original_images")[1] != []


def test_restore_refuses_a_database_that_holds_a_site(site_with_supporters, tmp_path):
    archive = tmp_path / "site.tar.gz"
    call_command("backup", str(archive), stdout=StringIO())
    with pytest.raises(CommandError, match="already holds a site"):
        call_command("restore", str(archive))
    assert Signature.objects.filter(email="ana.backup@example.org").exists()


def test_restore_refuses_what_is_not_a_backup_or_from_another_version(db, tmp_path):
    junk = tmp_path / "junk.tar.gz"
    junk.write_bytes(b"not an archive")
    with pytest.raises(CommandError, match="not a backup made by"):
        call_command("restore", str(junk))

    other = tmp_path / "other.tar.gz"
    manifest = {"format": 1, "migrations": {"campaigns": "9999_future"}, "rows": {}}
    with tarfile.open(other, "w:gz") as archive:
        data = json.dumps(manifest).encode()
        info = tarfile.TarInfo("manifest.json")
        info.size = len(data)
        archive.addfile(info, io.BytesIO(data))
    read_backup(other)  # a readable archive…
    with pytest.raises(CommandError, match="another version of the site"):
        call_command("restore", str(other))


def test_backup_leaves_renditions_out(site_with_supporters, tmp_path):
    default_storage.save("images/rendition-test.jpg", ContentFile(b"not really a jpeg"))
    archive = tmp_path / "site.tar.gz"
    call_command("backup", str(archive), stdout=StringIO())
    with tarfile.open(archive) as opened:
        names = opened.getnames()
    assert "data.json" in names and "manifest.json" in names
    assert not [name for name in names if name.startswith("media/images/")]
    assert [name for name in names if name.startswith("media/original_images/")]
    assert settings.MEDIA_ROOT
    with pytest.raises(BackupError):
        read_backup(tmp_path / "missing.tar.gz")


def test_a_restore_that_fails_to_load_leaves_the_site_as_it_was(site_with_supporters, tmp_path):
    archive = tmp_path / "site.tar.gz"
    call_command("backup", str(archive), stdout=StringIO())
    pages = Page.objects.count()
    # The same archive, with a signature of a petition that does not exist added.
    broken = tmp_path / "broken.tar.gz"
    with tarfile.open(archive) as source, tarfile.open(broken, "w:gz") as target:
        for member in source.getmembers():
            data = source.extractfile(member).read()
            if member.name == "data.json":
                rows = json.loads(data)
                rows.append(
                    {
                        "model": "campaigns.signature",
                        "pk": 999_999,
                        "fields": {"action": 999_999, "email": "x@example.org", "name": "X"},
                    }
                )
                data = json.dumps(rows).encode()
            member.size = len(data)
            target.addfile(member, io.BytesIO(data))

    with pytest.raises(CommandError, match="nothing was changed"):
        call_command("restore", "--replace", str(broken), stdout=StringIO())
    assert Page.objects.count() == pages
    assert Signature.objects.filter(email="ana.backup@example.org").exists()
