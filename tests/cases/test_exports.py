"""/cases/export.csv and .json are the open-data files (campaigns.opendata): built once
after a change, then served from the stored file; a publish gives a new file, signed."""

import csv
import io

from django.db import connection
from django.test.utils import CaptureQueriesContext

from campaigns.opendata import signing

from .factories import CaseIndexPageFactory, CasePageFactory


def get(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return response, [query["sql"] for query in queries]


def writes(queries):
    return [sql for sql in queries if sql.lstrip().upper().startswith(("INSERT", "UPDATE"))]


def test_a_second_export_request_serves_the_stored_file(client, home_page):
    index = CaseIndexPageFactory(parent=home_page)
    for n in range(5):
        CasePageFactory(parent=index, person_name=f"Person {n}")
    first, built = get(client, "/cases/export.csv")
    second, served = get(client, "/cases/export.csv")
    assert writes(built) and not writes(served)
    assert len(served) < len(built)
    assert second.content == first.content and second["ETag"] == first["ETag"]


def test_a_publish_changes_the_export_and_its_signature(client, home_page):
    index = CaseIndexPageFactory(parent=home_page)
    CasePageFactory(parent=index, person_name="Before B")
    before = client.get("/cases/export.csv")
    CasePageFactory(parent=index, person_name="After A").save_revision().publish()
    after = client.get("/cases/export.csv")
    names = [row["name"] for row in csv.DictReader(io.StringIO(after.content.decode()))]
    assert names == ["After A", "Before B"]
    assert after["ETag"] != before["ETag"]
    signature = client.get("/cases/export.csv.sig").content
    assert signing.verify(after.content, signature)
