"""/open-data/: the datasets, their files, checksums, signatures and dated snapshots."""

import datetime
from collections import defaultdict

from django.http import Http404, HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone, translation

from home.cache import shared_cache
from home.i18n import language_names

from . import datasets, serving, signing
from .snapshots import build, stale, stored_files


def file_url(name, **kwargs):
    """A file's address without a language prefix: the file names its language itself."""
    with translation.override(datasets.languages()[0]):
        return reverse(name, kwargs=kwargs)


def describe(snapshot, dated=False):
    name = "opendata:snapshot" if dated else "opendata:file"
    kwargs = {
        "slug": snapshot.dataset,
        "language": snapshot.language,
        "fmt": snapshot.format,
    }
    if dated:
        kwargs["day"] = snapshot.day.isoformat()
    return {
        "snapshot": snapshot,
        "url": file_url(name, **kwargs),
        "signature_url": file_url(name + "_sig", **kwargs),
        "language_name": language_names().get(snapshot.language, snapshot.language),
    }


@shared_cache
def open_data(request):
    available = datasets.available()
    snapshots = stored_files()
    # Files the task after a publication has not rebuilt yet are rebuilt now, so that the
    # page lists what a download serves.
    stale_files = stale(snapshots, available)
    for dataset, language in stale_files:
        build(dataset, language)
    if stale_files:
        snapshots = stored_files()
    latest, by_day = {}, defaultdict(list)
    for snapshot in snapshots:
        key = (snapshot.dataset, snapshot.language, snapshot.format)
        latest.setdefault(key, snapshot)
        by_day[snapshot.day].append(describe(snapshot, dated=True))
    listing = [
        {
            "dataset": dataset,
            "columns": dataset.columns,
            "files": [
                describe(latest[(dataset.slug, language, fmt)])
                for language in datasets.languages()
                for fmt in dataset.formats
                if (dataset.slug, language, fmt) in latest
            ],
        }
        for dataset in available
    ]
    example = listing[0]["files"][0] if listing and listing[0]["files"] else None
    context = {
        "datasets": listing,
        "days": sorted(by_day.items(), reverse=True),
        "example": example,
        "licence": datasets.LICENCE,
        "licence_url": datasets.LICENCE_URL,
        "signing": signing.signing_enabled(),
        "demo_key": signing.uses_demo_key(),
        "public_key_pem": signing.public_key_pem(),
        "public_key_base64": signing.public_key_base64(),
        "key_url": file_url("opendata:public_key"),
    }
    return TemplateResponse(request, "campaigns/opendata/open_data.html", context)


@shared_cache
def public_key(request):
    """The public key as a PEM file, for `openssl pkeyutl -verify -pubin -inkey`."""
    pem = signing.public_key_pem()
    if not pem:
        raise Http404("Signing is switched off on this site")
    response = HttpResponse(pem, content_type="application/x-pem-file")
    response["Content-Disposition"] = 'inline; filename="open-data-key.pem"'
    return response


@shared_cache
def current_file(request, slug, language, fmt, signature=False):
    dataset = datasets.get(slug)
    if dataset is None or language not in datasets.languages():
        raise Http404("No such dataset")
    with translation.override(language):
        return serving.serve_current(request, slug, fmt, signature)


@shared_cache
def dated_file(request, day, slug, language, fmt, signature=False):
    try:
        day = datetime.date.fromisoformat(day)
    except ValueError:
        raise Http404("Not a date") from None
    if day > timezone.localdate():
        raise Http404("No file of that day yet")
    return serving.serve_snapshot(request, day, slug, language, fmt, signature)
