"""Serving a stored file or its signature, with the headers a downloader can check it by.

`serve_current` answers /cases/export.csv (and .json, and /ru/, /kk/): the latest stored
file in the reader's language. `serve_snapshot` answers the dated, stable addresses under
/open-data/snapshots/. Both send the file's exact bytes with its SHA-256 as ETag and as
`Repr-Digest`/`Digest`, its build time as Last-Modified, and a filename with the date;
`<file>.sig` sends the detached Ed25519 signature (64 raw bytes). Shared caches may keep
them (the views wrap these in home.cache.shared_cache): nothing depends on the visitor.
"""

import base64

from django.http import Http404, HttpResponse
from django.utils import translation
from django.utils.cache import get_conditional_response
from django.utils.http import http_date

from . import datasets
from .models import FileFormat
from .snapshots import current, latest_snapshot

CONTENT_TYPES = {
    FileFormat.CSV: "text/csv; charset=utf-8",
    FileFormat.JSON: "application/json",
}
SIGNATURE_TYPE = "application/octet-stream"


def reader_language():
    language = translation.get_language()
    return language if language in datasets.languages() else datasets.languages()[0]


def serve_current(request, slug, fmt, signature=False):
    """The latest file of dataset `slug` in the reader's language (built if there is none)."""
    dataset = datasets.get(slug)
    if dataset is None or fmt not in dataset.formats:
        raise Http404("No such dataset")
    return file_response(request, current(dataset, reader_language(), fmt), signature)


def serve_snapshot(request, day, slug, language, fmt, signature=False):
    """The file of dataset `slug` as it was published on `day` (the latest on or before)."""
    dataset = datasets.get(slug)
    if dataset is None or fmt not in dataset.formats or language not in datasets.languages():
        raise Http404("No such dataset")
    snapshot = latest_snapshot(slug, language, fmt, on_or_before=day)
    if snapshot is None:
        raise Http404("No file of that day")
    return file_response(request, snapshot, signature)


def file_response(request, snapshot, signature=False):
    """The file (or its signature) with its checksums and validators; a 304 when the
    downloader has it already. The views add the public caching (home.cache)."""
    if signature and not snapshot.signature:
        raise Http404("Signing is switched off on this site")
    etag = f'"{snapshot.sha256}{".sig" if signature else ""}"'
    last_modified = int(snapshot.updated_at.timestamp())  # HTTP dates count whole seconds
    response = get_conditional_response(request, etag=etag, last_modified=last_modified)
    if response is None:
        body = bytes(snapshot.signature if signature else snapshot.content)
        response = HttpResponse(
            body, content_type=SIGNATURE_TYPE if signature else CONTENT_TYPES[snapshot.format]
        )
        filename = snapshot.filename + (".sig" if signature else "")
        disposition = "attachment" if signature else "inline"
        response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
        digest = base64.b64encode(bytes.fromhex(snapshot.sha256)).decode()
        if not signature:
            response["Repr-Digest"] = f"sha-256=:{digest}:"
            response["Digest"] = f"sha-256={digest}"
    response["ETag"] = etag
    response["Last-Modified"] = http_date(last_modified)
    return response
