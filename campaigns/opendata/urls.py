"""Addresses of open data: the page, the public key, the current files and the dated ones.

The cases' current files are also at /cases/export.csv and /cases/export.json (and their
.sig), routed by the case index page in the reader's language."""

from django.urls import path, re_path

from . import views

app_name = "opendata"

FILE = r"(?P<slug>[a-z][a-z0-9-]*)\.(?P<language>[a-z]{2,3})\.(?P<fmt>csv|json)"
DAY = r"(?P<day>\d{4}-\d{2}-\d{2})"

urlpatterns = [
    path("open-data/", views.open_data, name="index"),
    path("open-data/key.pem", views.public_key, name="public_key"),
    re_path(rf"^open-data/files/{FILE}$", views.current_file, name="file"),
    re_path(
        rf"^open-data/files/{FILE}\.sig$",
        views.current_file,
        {"signature": True},
        name="file_sig",
    ),
    re_path(rf"^open-data/snapshots/{DAY}/{FILE}$", views.dated_file, name="snapshot"),
    re_path(
        rf"^open-data/snapshots/{DAY}/{FILE}\.sig$",
        views.dated_file,
        {"signature": True},
        name="snapshot_sig",
    ),
]
