"""Open data: the stored, signed files, their addresses and headers, the snapshots kept per
day, the rebuild after a publication, the daily command, the /open-data/ page, privacy and
the production key check."""

import base64
import csv
import datetime
import hashlib
import io
import json
import logging
import os
import re
import shutil
import subprocess
from pathlib import Path
from types import SimpleNamespace

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import (
    Encoding,
    NoEncryption,
    PrivateFormat,
    load_pem_public_key,
)
from django.core.management import call_command
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.safestring import SafeString
from django_tasks_db.models import DBTaskResult
from wagtail.models import PageViewRestriction

from campaigns.cases.choices import CaseStatus
from campaigns.opendata import datasets, signing, snapshots, tasks
from campaigns.opendata.datasets import Dataset
from campaigns.opendata.models import OpenDataSnapshot
from campaigns.opendata.tasks import rebuild_open_data

from ..cases.factories import CaseChargeFactory
from ..hearings.factories import HearingFactory
from ..home.factories import translate
from ..production import PRODUCTION_ENV, manage
from ..smtp import run_email_worker

TODAY = timezone.localdate()
YESTERDAY = TODAY - datetime.timedelta(days=1)
LANGUAGES = ["en", "ru", "kk"]
EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")
FORMATS = ["csv", "json"]


def rows_of(response):
    return list(csv.DictReader(io.StringIO(response.content.decode())))


def public_key_from_page(client):
    html = client.get("/open-data/").content.decode()
    pem = html.split("-----BEGIN PUBLIC KEY-----", 1)[1].split("-----END", 1)[0]
    pem = f"-----BEGIN PUBLIC KEY-----{pem}-----END PUBLIC KEY-----\n"
    return load_pem_public_key(pem.encode())


def served_files():
    """(address, language) of every current file: the cases' own addresses (in English:
    /ru/cases/ needs a translated index, see the test per language) and those of every
    dataset in every language under /open-data/files/."""
    addresses = [(f"/cases/export.{fmt}", "en") for fmt in FORMATS]
    for language in LANGUAGES:
        for dataset in datasets.available():
            addresses += [
                (f"/open-data/files/{dataset.slug}.{language}.{fmt}", language) for fmt in FORMATS
            ]
    return addresses


# --- signatures and checksums ---------------------------------------------------------------


def test_every_served_file_verifies_with_the_published_key_and_a_changed_byte_does_not(
    client, make_case
):
    make_case(person_name="Aigerim A")
    key = public_key_from_page(client)
    for address, _language in served_files():
        response = client.get(address)
        assert response.status_code == 200, address
        content = response.content
        signature = client.get(address + ".sig")
        assert signature["Content-Type"] == "application/octet-stream"
        assert len(signature.content) == 64
        key.verify(signature.content, content)  # raises if it does not verify
        assert signing.verify(content, signature.content, key)
        changed = bytearray(content)
        changed[len(changed) // 2] ^= 0x01
        assert not signing.verify(bytes(changed), signature.content, key), address


def test_checksums_are_in_the_etag_and_digest_headers(client, make_case):
    make_case()
    response = client.get("/cases/export.csv")
    digest = hashlib.sha256(response.content).digest()
    assert response["ETag"] == f'"{digest.hex()}"'
    assert response["Repr-Digest"] == f"sha-256=:{base64.b64encode(digest).decode()}:"
    assert response["Digest"] == f"sha-256={base64.b64encode(digest).decode()}"
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == f'inline; filename="cases.en.{TODAY}.csv"'
    assert "public" in response["Cache-Control"]
    assert response["Last-Modified"]
    stored = OpenDataSnapshot.objects.get(dataset="cases", language="en", format="csv")
    assert stored.sha256 == digest.hex() and bytes(stored.content) == response.content
    assert client.get("/cases/export.json")["Content-Type"] == "application/json"


def test_a_downloader_that_has_the_file_gets_304(client, make_case):
    make_case()
    first = client.get("/cases/export.json")
    again = client.get("/cases/export.json", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304 and again.content == b""
    since = client.get("/cases/export.json", HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert since.status_code == 304
    other = client.get("/cases/export.json", HTTP_IF_NONE_MATCH='"something-else"')
    assert other.status_code == 200


def test_openssl_verifies_a_file_as_the_page_says(client, make_case, tmp_path):
    openssl = shutil.which("openssl")
    if not openssl:
        # CI's Debian image has openssl: there a missing one is a failure, not a skip.
        assert os.environ.get("CI") != "true", "openssl is missing on CI"
        pytest.skip("openssl is not installed")
    make_case()
    (tmp_path / "cases.en.csv").write_bytes(client.get("/open-data/files/cases.en.csv").content)
    (tmp_path / "cases.en.csv.sig").write_bytes(
        client.get("/open-data/files/cases.en.csv.sig").content
    )
    (tmp_path / "open-data-key.pem").write_bytes(client.get("/open-data/key.pem").content)
    command = [
        openssl, "pkeyutl", "-verify", "-pubin", "-inkey", "open-data-key.pem", "-rawin",
        "-in", "cases.en.csv", "-sigfile", "cases.en.csv.sig",
    ]  # fmt: skip
    result = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, check=False)
    assert result.returncode == 0 and "Signature Verified Successfully" in result.stdout
    (tmp_path / "cases.en.csv").write_bytes(b"slug\nforged\n")
    result = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, check=False)
    assert result.returncode != 0


# --- per language ----------------------------------------------------------------------------


def test_each_language_has_its_own_file_with_its_texts(client, make_case, home_page, index):
    case = make_case(person_name="Aigerim Sadykova", slug="aigerim-sadykova")
    translate(home_page, "ru")
    translate(index, "ru")
    translate(case, "ru", {"Aigerim Sadykova": "Айгерим Садыкова"})
    english = rows_of(client.get("/cases/export.csv"))
    russian = rows_of(client.get("/ru/cases/export.csv"))
    assert [row["language"] for row in english] == ["en"]
    assert [(row["language"], row["name"]) for row in russian] == [("ru", "Айгерим Садыкова")]
    assert (
        client.get("/open-data/files/cases.ru.csv").content
        == client.get("/ru/cases/export.csv").content
    )
    data = json.loads(client.get("/ru/cases/export.json").content)
    assert (data["dataset"], data["language"], data["licence"]) == ("cases", "ru", "CC BY 4.0")
    assert set(data["columns"]) == set(data["cases"][0])


# --- stored snapshots --------------------------------------------------------------------


def stored(slug="cases", language="en", fmt="csv"):
    return list(
        OpenDataSnapshot.objects.filter(dataset=slug, language=language, format=fmt).order_by(
            "day"
        )
    )


def test_a_day_keeps_one_file_replaced_while_the_day_lasts(make_case):
    dataset = datasets.get("cases")
    make_case(person_name="First F")
    first = snapshots.build(dataset, "en")["csv"]
    make_case(person_name="Second S")
    second = snapshots.build(dataset, "en")["csv"]
    rows = stored()
    assert len(rows) == 1 and rows[0].day == TODAY
    assert rows[0].sha256 == second.sha256 != first.sha256
    assert b"Second S" in bytes(rows[0].content)
    assert signing.verify(bytes(rows[0].content), bytes(rows[0].signature))


def test_earlier_days_are_kept_and_an_unchanged_day_adds_nothing(make_case):
    dataset = datasets.get("cases")
    make_case(person_name="First F")
    snapshots.build(dataset, "en")
    OpenDataSnapshot.objects.update(day=YESTERDAY)  # as if built yesterday
    snapshots.build(dataset, "en")
    assert [row.day for row in stored()] == [YESTERDAY]  # same bytes: no row for today
    make_case(person_name="Second S")
    snapshots.build(dataset, "en")
    rows = stored()
    assert [row.day for row in rows] == [YESTERDAY, TODAY]
    assert b"Second S" not in bytes(rows[0].content) and b"Second S" in bytes(rows[1].content)


def test_the_formats_of_a_language_are_stored_together_or_not_at_all(make_case, monkeypatch):
    make_case(person_name="First F")
    dataset = datasets.get("cases")
    snapshots.build(dataset, "en")
    make_case(person_name="Second S")
    sign = signing.sign
    signed = []

    def sign_the_csv_only(content):
        signed.append(content)
        if len(signed) > 1:
            raise RuntimeError("the signing service went away")
        return sign(content)

    monkeypatch.setattr(signing, "sign", sign_the_csv_only)
    with pytest.raises(RuntimeError):
        snapshots.build(dataset, "en")
    assert b"Second S" in signed[0]  # the CSV was signed, then not kept without its JSON
    assert not any(b"Second S" in bytes(row.content) for row in OpenDataSnapshot.objects.all())


def test_the_same_data_gives_the_same_bytes(make_case):
    make_case()
    dataset = datasets.get("cases")
    assert dataset.render("en") == dataset.render("en")


ROW_SHAPES = [
    [],
    [{"name": "Айгерим «Sadykova»", "detained": True, "count": 3, "share": 0.25, "end": None}],
    [{"slug": 'a\nb\t"c" \\ \u2028', "number": -1}, {"slug": "b", "number": 2}],
    # Not plain values: the indenting encoder, moved two levels in.
    [{"day": datetime.date(2019, 8, 17), "tags": ["a", "b"], "nested": {"x": [], "y": {}}}],
    [{}, {"label": SafeString("<b>bold</b>")}, {"status": CaseStatus.IMPRISONED}],
]


@pytest.mark.parametrize("rows", ROW_SHAPES)
def test_the_json_file_is_what_json_dumps_writes(rows):
    """The rows are encoded one by one for speed; the file stays json.dumps(indent=1)'s."""
    dataset = datasets.get("cases")
    document = {
        "dataset": "cases",
        "title": "Cases",
        "language": "en",
        "licence": datasets.LICENCE,
        "licence_url": datasets.LICENCE_URL,
        "columns": dict(dataset.columns),
        "cases": rows,
    }
    text = json.dumps(document, cls=DjangoJSONEncoder, ensure_ascii=False, indent=1) + "\n"
    assert dataset.json_bytes(rows, "en") == text.encode()


# The routing of /cases/export.csv to the case index, once routed before: the site, the
# reader's home page and the case index come from the cache (home.fragments.kept_read,
# until a page changes); the view restrictions are read once per request.
ROUTING_QUERIES = 1
# The first routing after a page changed: the site, the reader's home page in one query
# (home.routing), the case index as its type in one query (BasePage.route) and the view
# restrictions.
ROUTING_QUERIES_AFTER_A_CHANGE = 4
# The data's version (the live pages, the view restrictions) and the stored file.
SERVING_QUERIES = 3


def test_exports_are_served_from_the_snapshot_in_a_fixed_number_of_queries(
    client, make_case, django_assert_num_queries
):
    for n in range(3):
        make_case(person_name=f"P{n}")
    client.get("/cases/export.csv")  # builds the file
    with django_assert_num_queries(SERVING_QUERIES):
        response = client.get("/open-data/files/cases.en.csv")
    assert len(rows_of(response)) == 3
    with django_assert_num_queries(ROUTING_QUERIES + SERVING_QUERIES):
        assert client.get("/cases/export.csv").content == response.content
    for n in range(3, 40):
        CaseChargeFactory(page=make_case(person_name=f"P{n}"), article="1")
    assert len(rows_of(client.get("/cases/export.csv"))) == 40  # out of date: rebuilt
    with django_assert_num_queries(ROUTING_QUERIES + SERVING_QUERIES):
        client.get("/cases/export.csv")
    with django_assert_num_queries(ROUTING_QUERIES + SERVING_QUERIES):
        client.get("/cases/export.csv.sig")
    with django_assert_num_queries(SERVING_QUERIES):
        client.get("/open-data/files/cases.en.json.sig")


def test_a_file_is_built_on_the_first_request(client, make_case):
    make_case(person_name="Aigerim A")
    assert not OpenDataSnapshot.objects.exists()
    assert rows_of(client.get("/cases/export.csv"))[0]["name"] == "Aigerim A"
    assert {(row.language, row.format) for row in OpenDataSnapshot.objects.all()} == {
        ("en", "csv"),
        ("en", "json"),
    }


# --- rebuilt after a publication -----------------------------------------------------------


def queued_rebuilds():
    return DBTaskResult.objects.filter(task_path__endswith="rebuild_open_data", status="READY")


def test_publishing_a_case_queues_a_rebuild_that_the_worker_runs(
    client, make_case, django_capture_on_commit_callbacks
):
    case = make_case(person_name="Aigerim A")
    client.get("/cases/export.csv")
    case.person_name = "Aigerim Renamed"
    with django_capture_on_commit_callbacks(execute=True):
        case.save_revision().publish()
    assert queued_rebuilds().count() == 1
    run_email_worker()
    assert not queued_rebuilds().exists()
    content = bytes(stored()[0].content)
    assert b"Aigerim Renamed" in content
    with CaptureQueriesContext(connection) as queries:
        assert rows_of(client.get("/cases/export.csv"))[0]["name"] == "Aigerim Renamed"
    # The worker built it: read it.
    assert len(queries) == ROUTING_QUERIES_AFTER_A_CHANGE + SERVING_QUERIES


@pytest.mark.parametrize("action", ["unpublish", "delete"])
def test_withdrawing_a_case_queues_a_rebuild(
    make_case, action, django_capture_on_commit_callbacks
):
    case = make_case()
    with django_capture_on_commit_callbacks(execute=True):
        case.unpublish() if action == "unpublish" else case.delete()
    assert queued_rebuilds().count() == 1
    rebuild_open_data.call()
    assert bytes(stored()[0].content).count(b"\r\n") == 1  # the header only


def test_publishing_another_kind_of_page_queues_nothing(
    home_page, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        home_page.save_revision().publish()
    assert not queued_rebuilds().exists()


def test_a_broken_queue_does_not_break_publishing(
    client, make_case, monkeypatch, caplog, django_capture_on_commit_callbacks
):
    case = make_case(person_name="Aigerim A")
    client.get("/cases/export.csv")

    def broken(*args, **kwargs):
        raise RuntimeError("queue down")

    monkeypatch.setattr(tasks, "rebuild_open_data", SimpleNamespace(enqueue=broken))
    case.person_name = "Aigerim Renamed"
    with caplog.at_level(logging.ERROR), django_capture_on_commit_callbacks(execute=True):
        case.save_revision().publish()
    case.refresh_from_db()
    assert case.live and case.person_name == "Aigerim Renamed"
    assert "could not queue a rebuild" in caplog.text
    # The next download finds its file out of date and rebuilds it.
    assert rows_of(client.get("/cases/export.csv"))[0]["name"] == "Aigerim Renamed"


def test_a_failing_build_in_the_worker_leaves_the_published_case_alone(
    client, make_case, monkeypatch, django_capture_on_commit_callbacks
):
    case = make_case(person_name="Aigerim A")
    with django_capture_on_commit_callbacks(execute=True):
        case.save_revision().publish()

    def failing(*args, **kwargs):
        raise ValueError("render failed")

    monkeypatch.setattr(Dataset, "render", failing)
    run_email_worker()
    assert DBTaskResult.objects.get(task_path__endswith="rebuild_open_data").status == "FAILED"
    assert client.get(case.url).status_code == 200
    monkeypatch.undo()
    assert rows_of(client.get("/cases/export.csv"))[0]["name"] == "Aigerim A"


# --- the daily command -------------------------------------------------------------------


def test_the_command_builds_every_file_and_is_safe_to_run_again(make_case):
    make_case()
    output = io.StringIO()
    call_command("opendata_snapshot", stdout=output)
    expected = len(datasets.available()) * len(LANGUAGES) * len(FORMATS)
    assert OpenDataSnapshot.objects.count() == expected
    assert f"{expected} file(s) stored or replaced, 0 unchanged." in output.getvalue()
    output = io.StringIO()
    call_command("opendata_snapshot", stdout=output)
    assert OpenDataSnapshot.objects.count() == expected
    assert f"0 file(s) stored or replaced, {expected} unchanged." in output.getvalue()


def test_prune_keeps_recent_days_the_first_of_each_month_and_the_latest(db, settings):
    settings.OPEN_DATA_KEEP_DAYS = 30
    days = [
        datetime.date(2025, 3, 2),
        datetime.date(2025, 3, 9),
        datetime.date(2025, 4, 5),
        datetime.date(2025, 4, 20),
        TODAY - datetime.timedelta(days=10),
        TODAY - datetime.timedelta(days=3),
    ]
    for n, day in enumerate(days):
        OpenDataSnapshot.objects.create(
            dataset="cases", language="en", format="csv", day=day, content=b"%d" % n, size=1,
            sha256=hashlib.sha256(b"%d" % n).hexdigest(),
        )  # fmt: skip
    # A file unchanged since long ago is the latest: kept, whatever its age.
    OpenDataSnapshot.objects.create(
        dataset="cases", language="ru", format="csv", day=datetime.date(2025, 3, 20),
        content=b"ru", size=2, sha256=hashlib.sha256(b"ru").hexdigest(),
    )  # fmt: skip
    output = io.StringIO()
    call_command("opendata_snapshot", "--prune", stdout=output)
    kept = set(OpenDataSnapshot.objects.filter(day__lt=TODAY).values_list("language", "day"))
    assert kept == {
        ("en", datetime.date(2025, 3, 2)),
        ("en", datetime.date(2025, 4, 5)),
        ("en", TODAY - datetime.timedelta(days=10)),
        ("en", TODAY - datetime.timedelta(days=3)),
        ("ru", datetime.date(2025, 3, 20)),
    }
    assert "2 old snapshot(s) removed." in output.getvalue()


def test_prune_with_no_limit_keeps_everything(db, settings):
    settings.OPEN_DATA_KEEP_DAYS = 0
    OpenDataSnapshot.objects.create(
        dataset="cases", language="en", format="csv", day=datetime.date(2020, 1, 1),
        content=b"x", size=1, sha256="0" * 64,
    )  # fmt: skip
    OpenDataSnapshot.objects.create(
        dataset="cases", language="en", format="csv", day=datetime.date(2020, 1, 2),
        content=b"y", size=1, sha256="1" * 64,
    )  # fmt: skip
    assert snapshots.prune() == 0 and OpenDataSnapshot.objects.count() == 2


def test_the_command_says_so_in_one_line_when_the_key_is_bad(db, settings):
    settings.OPEN_DATA_SIGNING_KEY = "not-a-key"
    with pytest.raises(Exception, match="neither base64 nor a file path"):
        call_command("opendata_snapshot", stdout=io.StringIO())


# --- dated addresses -----------------------------------------------------------------------


def test_a_dated_address_serves_the_version_of_that_day(client, make_case):
    dataset = datasets.get("cases")
    make_case(person_name="First F")
    snapshots.build(dataset, "en")
    OpenDataSnapshot.objects.update(day=datetime.date(2026, 1, 10))
    make_case(person_name="Second S")
    snapshots.build(dataset, "en")
    old = client.get("/open-data/snapshots/2026-01-10/cases.en.csv")
    assert [row["name"] for row in rows_of(old)] == ["First F"]
    assert old["Content-Disposition"] == 'inline; filename="cases.en.2026-01-10.csv"'
    # A day without a change of its own serves the version in force on it.
    assert client.get("/open-data/snapshots/2026-01-11/cases.en.csv").content == old.content
    signature = client.get("/open-data/snapshots/2026-01-10/cases.en.csv.sig").content
    assert signing.verify(old.content, signature)
    new = client.get(f"/open-data/snapshots/{TODAY}/cases.en.csv")
    assert len(rows_of(new)) == 2


@pytest.mark.parametrize(
    "address",
    [
        "/open-data/snapshots/2026-02-30/cases.en.csv",
        "/open-data/snapshots/2026-13-01/cases.en.csv",
        "/open-data/snapshots/0000-00-00/cases.en.csv",
        "/open-data/snapshots/1999-01-01/cases.en.csv",  # before the first file
        "/open-data/snapshots/2999-01-01/cases.en.csv",  # the future
        "/open-data/snapshots/2026-01-10/nothing.en.csv",
        "/open-data/snapshots/2026-01-10/cases.xx.csv",
        "/open-data/snapshots/2026-01-10/cases.en.xml",
        "/open-data/snapshots/yesterday/cases.en.csv",
        "/open-data/files/nothing.en.csv",
        "/open-data/files/nothing.en.csv.sig",
        "/open-data/files/cases.de.json",
        "/open-data/files/cases.en.csv.sig.sig",
        "/cases/export.xml",
        "/cases/export.csv.asc",
    ],
)
def test_bad_dates_and_names_are_not_found(client, make_case, address):
    make_case()
    snapshots.build(datasets.get("cases"), "en")
    assert client.get(address).status_code == 404


# --- the page ------------------------------------------------------------------------------


def test_the_page_lists_every_file_with_its_checksum_and_the_public_key(client, make_case):
    make_case()
    call_command("opendata_snapshot", stdout=io.StringIO())
    response = client.get("/open-data/")
    html = response.content.decode()
    assert response.status_code == 200 and "public" in response["Cache-Control"]
    assert signing.public_key_base64() in html
    assert "-----BEGIN PUBLIC KEY-----" in html
    assert "openssl pkeyutl -verify -pubin -inkey open-data-key.pem -rawin" in html
    assert "CC BY 4.0" in html and "published demo key" in html
    for snapshot in OpenDataSnapshot.objects.all():
        assert snapshot.sha256 in html
        address = f"/open-data/files/{snapshot.dataset}.{snapshot.language}.{snapshot.format}"
        assert f'href="{address}"' in html and f'href="{address}.sig"' in html
        dated = (
            f"/open-data/snapshots/{snapshot.day}/{snapshot.dataset}.{snapshot.language}."
            f"{snapshot.format}"
        )
        assert f'href="{dated}"' in html
    for dataset in datasets.available():
        for name, _description in dataset.columns:
            assert f"<code>{name}</code>" in html
    assert client.get("/ru/open-data/").status_code == 200
    assert client.get("/kk/open-data/").status_code == 200


def test_the_key_file_is_the_key_the_page_shows(client):
    pem = client.get("/open-data/key.pem").content
    key = load_pem_public_key(pem)
    raw = base64.b64decode(signing.public_key_base64())
    assert (
        key.public_bytes(
            Encoding.Raw,
            __import__("cryptography").hazmat.primitives.serialization.PublicFormat.Raw,
        )
        == raw
    )


def test_the_page_builds_what_is_missing_in_a_constant_number_of_queries(client, make_case):
    make_case()
    client.get("/open-data/")  # builds every file
    with CaptureQueriesContext(connection) as few:
        client.get("/open-data/")
    for n in range(20):
        make_case(person_name=f"P{n}")
    OpenDataSnapshot.objects.update(day=YESTERDAY)
    client.get("/open-data/")  # rebuilds: the data changed
    with CaptureQueriesContext(connection) as many:
        response = client.get("/open-data/")
    # Each dataset's version: two queries (live pages, view restrictions).
    assert len(many) == len(few) <= 2 * len(datasets.available()) + 6
    assert response.content.decode().count('class="snapshot-day"') == 2


# --- privacy ------------------------------------------------------------------------------


def test_no_supporter_data_in_any_file(client, site):
    call_command("opendata_snapshot", stdout=io.StringIO())
    files = OpenDataSnapshot.objects.all()
    assert files.count() == len(datasets.available()) * len(LANGUAGES) * len(FORMATS)
    for snapshot in files:
        content = bytes(snapshot.content).decode()
        assert site.supporter_email not in content, snapshot.filename
        assert EMAIL.findall(content) == [], snapshot.filename
    assert site.supporter_email not in client.get("/open-data/").content.decode()


# --- the registry ---------------------------------------------------------------------------


def test_a_dataset_whose_module_is_missing_is_skipped_with_a_warning(caplog):
    ghost = Dataset("ghost", "Ghost", "campaigns.ghost.open_data")
    with caplog.at_level(logging.WARNING):
        assert ghost.module is None
    assert "dataset 'ghost' skipped" in caplog.text


def test_a_module_that_fails_to_import_for_another_reason_is_not_hidden(tmp_path, monkeypatch):
    (tmp_path / "od_broken_provider.py").write_text("import no_such_dependency_of_opendata\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    with pytest.raises(ModuleNotFoundError, match="no_such_dependency_of_opendata"):
        Dataset("broken", "Broken", "od_broken_provider").module  # noqa: B018


# --- the key ------------------------------------------------------------------------------


def test_a_pem_key_file_or_a_base64_seed_signs(settings, tmp_path, client, make_case):
    make_case()
    private = Ed25519PrivateKey.generate()
    path = tmp_path / "key.pem"
    path.write_bytes(private.private_bytes(Encoding.PEM, PrivateFormat.PKCS8, NoEncryption()))
    settings.OPEN_DATA_SIGNING_KEY = str(path)
    assert not signing.uses_demo_key()
    content = client.get("/cases/export.csv").content
    signature = client.get("/cases/export.csv.sig").content
    private.public_key().verify(signature, content)
    assert "published demo key" not in client.get("/open-data/").content.decode()
    seed = base64.b64encode(b"s" * 32).decode()
    settings.OPEN_DATA_SIGNING_KEY = seed
    expected = Ed25519PrivateKey.from_private_bytes(b"s" * 32).public_key()
    assert signing.public_key_base64() == signing.public_key_base64(expected)


def test_a_seed_whose_base64_starts_with_a_slash_is_a_seed_not_a_path(settings):
    """One random seed in 64 begins with "/" (seen once in CI as "cannot read /a9/3Gkt...")."""
    raw = b"\xfc" + b"k" * 31
    value = base64.b64encode(raw).decode()
    assert value.startswith("/")
    settings.OPEN_DATA_SIGNING_KEY = value
    expected = Ed25519PrivateKey.from_private_bytes(raw).public_key()
    assert signing.public_key_base64() == signing.public_key_base64(expected)
    from campaigns.opendata.checks import signing_key_is_usable

    assert signing_key_is_usable() == []


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("not base64!", "neither base64 nor a file path"),
        (base64.b64encode(b"short").decode(), "base64 of 32 bytes"),
        ("/nonexistent/key.pem", "cannot read"),
    ],
)
def test_a_bad_key_is_refused_clearly(settings, value, message):
    settings.OPEN_DATA_SIGNING_KEY = value
    with pytest.raises(signing.SigningKeyError, match=message):
        signing.private_key()
    from campaigns.opendata.checks import signing_key_is_usable

    assert [error.id for error in signing_key_is_usable()] == ["opendata.E001"]


def test_signing_can_be_switched_off(settings, client, make_case):
    settings.OPEN_DATA_SIGNING = False
    make_case()
    assert client.get("/cases/export.csv").status_code == 200
    assert client.get("/cases/export.csv.sig").status_code == 404
    html = client.get("/open-data/").content.decode()
    assert "does not sign its files" in html and ".sig" not in html


def test_the_demo_key_is_the_published_one():
    seed = base64.b64decode(signing.DEMO_SEED)
    demo = Ed25519PrivateKey.from_private_bytes(seed).public_key()
    assert isinstance(demo, Ed25519PublicKey)
    assert signing.uses_demo_key()
    assert signing.public_key_base64() == signing.public_key_base64(demo)


def test_production_refuses_to_start_without_a_signing_key():
    env = {key: value for key, value in PRODUCTION_ENV.items() if key != "OPEN_DATA_SIGNING_KEY"}
    result = manage("check", env=env)
    assert result.returncode != 0
    assert "OPEN_DATA_SIGNING_KEY must be set" in result.stderr
    unsigned = manage("check", env={**env, "OPEN_DATA_SIGNING": "false"})
    assert unsigned.returncode == 0, unsigned.stderr
    bad = manage("check", env={**PRODUCTION_ENV, "OPEN_DATA_SIGNING_KEY": "c2hvcnQ="})
    assert bad.returncode != 0 and "opendata.E001" in bad.stderr


def test_a_daily_timer_runs_the_command_with_prune():
    deploy = Path(__file__).resolve().parents[2] / "deploy"
    service = (deploy / "campaigns-opendata.service").read_text()
    assert "ExecStart=/srv/campaigns/.venv/bin/python manage.py opendata_snapshot --prune" in (
        service
    )
    assert "OnCalendar=*-*-* 00:10:00" in (deploy / "campaigns-opendata.timer").read_text()


def test_a_new_key_signs_the_unchanged_latest_files_afresh(settings, client, make_case):
    make_case()
    client.get("/cases/export.csv")
    settings.OPEN_DATA_SIGNING_KEY = base64.b64encode(b"n" * 32).decode()
    new_key = Ed25519PrivateKey.from_private_bytes(b"n" * 32).public_key()
    call_command("opendata_snapshot", stdout=io.StringIO())
    assert len(stored()) == 1  # the same bytes: no new file, a new signature
    content = client.get("/cases/export.csv").content
    new_key.verify(client.get("/cases/export.csv.sig").content, content)


def test_a_case_withdrawn_or_made_private_leaves_every_dataset_the_same_day(client, make_case):
    """Hearings and corrections follow their case: a case taken down (say, for the family's
    safety) must not stay in any file until the next day."""
    case = make_case(person_name="Aigerim A")
    HearingFactory(page=case, court="Medeu district court")
    hearings = "/open-data/files/hearings.en.csv"
    assert "Medeu district court" in client.get(hearings).content.decode()
    PageViewRestriction.objects.create(page=case, restriction_type=PageViewRestriction.LOGIN)
    assert "Medeu district court" not in client.get(hearings).content.decode()
    assert rows_of(client.get("/open-data/files/cases.en.csv")) == []
    PageViewRestriction.objects.all().delete()
    assert "Medeu district court" in client.get(hearings).content.decode()
    case.unpublish()
    assert "Medeu district court" not in client.get(hearings).content.decode()
