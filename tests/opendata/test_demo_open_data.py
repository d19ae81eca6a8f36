"""The demo's open data: `load_demo` stores signed files of every dataset, and the files
carry the three real cases in each language."""

import csv
import io

from campaigns.opendata import datasets, signing
from campaigns.opendata.models import OpenDataSnapshot

REAL = {"mukhtar-ablyazov", "vladimir-kozlov", "serikzhan-bilash"}


def test_the_demo_publishes_signed_files_of_every_dataset(built_demo, db, client):
    assert "open data:" in built_demo
    for snapshot in OpenDataSnapshot.objects.filter(dataset="cases"):
        assert signing.verify(bytes(snapshot.content), bytes(snapshot.signature))
    for language in ("en", "ru", "kk"):
        text = client.get(f"/open-data/files/cases.{language}.csv").content.decode()
        rows = {row["slug"]: row for row in csv.DictReader(io.StringIO(text))}
        assert set(rows) >= REAL, language
        assert {rows[slug]["language"] for slug in REAL} == {language}
    html = client.get("/open-data/").content.decode()
    for dataset in datasets.available():
        assert f'id="dataset-{dataset.slug}"' in html
