"""Building and finding the stored files: one per dataset, language, format and day changed.

`build(dataset, language)` renders a dataset in one language (CSV and JSON from one pass
over its rows) and stores each file: the same bytes as the latest file → nothing new; the
latest file is today's → replaced; else a new row for today, the earlier days kept.
`current(dataset, language, format)` is what a download serves: the latest file, rebuilt
first when the data changed since (the dataset's version) or when there is none yet.
"""

import datetime
import hashlib

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from . import datasets, signing
from .models import OpenDataSnapshot


def current_version(dataset):
    """The dataset's version as of today: a new day is a new version too, since some
    columns depend on the date (a restriction in force "on the day of the export")."""
    return f"{timezone.localdate().isoformat()}|{dataset.version()}"


def build(dataset, language, stored=None, version=None):
    """Render and store `dataset` in `language`; return {format: OpenDataSnapshot}. The files
    stored or replaced (not those kept unchanged) are appended to `stored` if given.
    `version` is the dataset's current version when the caller has just read it."""
    version = version or current_version(dataset)
    rendered = dataset.render(language)
    snapshots = {}
    # The formats of a language are stored together: one commit (one disk sync) for both,
    # and never a CSV of new data beside a JSON of the old.
    with transaction.atomic():
        for fmt, content in rendered.items():
            snapshot, changed = store(dataset.slug, language, fmt, content, version)
            snapshots[fmt] = snapshot
            if changed and stored is not None:
                stored.append(snapshot)
    return snapshots


def store(slug, language, fmt, content, version):
    """Keep `content` as the file of today, unless the latest file holds the same bytes.
    Returns (snapshot, whether it was stored or replaced)."""
    today = timezone.localdate()
    digest = hashlib.sha256(content).hexdigest()
    latest = latest_snapshot(slug, language, fmt, with_content=False)
    if latest is not None and latest.sha256 == digest:
        changes = {"source_version": version}
        if signing.signing_enabled() and not signing.verify(content, latest.signature):
            # Signed before signing was on, or with a key since replaced: sign it afresh.
            changes["signature"] = signing.sign(content)
        changes = {
            name: value for name, value in changes.items() if getattr(latest, name) != value
        }
        if changes:
            OpenDataSnapshot.objects.filter(pk=latest.pk).update(**changes)
            for name, value in changes.items():
                setattr(latest, name, value)
        latest.content = content  # the same bytes: serving it reads them no more
        return latest, False
    values = {
        "content": content,
        "size": len(content),
        "sha256": digest,
        "signature": signing.sign(content),
        "source_version": version,
    }
    key = {"dataset": slug, "language": language, "format": fmt, "day": today}
    try:
        with transaction.atomic():
            # Today's earlier file is replaced without reading its bytes first.
            snapshot, _created = OpenDataSnapshot.objects.defer("content").update_or_create(
                **key, defaults=values
            )
    except IntegrityError:
        # Another process stored today's file at the same moment: theirs is as good.
        snapshot = OpenDataSnapshot.objects.get(**key)
    return snapshot, True


def latest_snapshot(slug, language, fmt, on_or_before=None, with_content=True):
    """The newest stored file (on or before a day, when given), or None. One query."""
    snapshots = OpenDataSnapshot.objects.filter(dataset=slug, language=language, format=fmt)
    if on_or_before is not None:
        snapshots = snapshots.filter(day__lte=on_or_before)
    if not with_content:
        snapshots = snapshots.defer("content")
    return snapshots.order_by("-day").first()


def current(dataset, language, fmt):
    """The file to serve now: the latest stored one, rebuilt first if it is out of date.
    Two queries when it is up to date (the dataset's version and the file)."""
    version = current_version(dataset)
    snapshot = latest_snapshot(dataset.slug, language, fmt)
    if snapshot is None or snapshot.source_version != version:
        snapshot = build(dataset, language, version=version)[fmt]
    return snapshot


def stale(snapshots, available=None):
    """The (dataset, language) pairs whose latest stored file (in `snapshots`, newest day
    first) was built from other data than there is now, or that have none: one query per
    dataset, for its version."""
    built = {}
    for snapshot in snapshots:
        built.setdefault((snapshot.dataset, snapshot.language), snapshot.source_version)
    pairs = []
    for dataset in datasets.available() if available is None else available:
        version = current_version(dataset)
        pairs += [
            (dataset, language)
            for language in datasets.languages()
            if built.get((dataset.slug, language)) != version
        ]
    return pairs


def stored_files():
    """Every stored file, newest day first, without its bytes. One query."""
    return list(OpenDataSnapshot.objects.defer("content").order_by("-day", "dataset", "language"))


def build_all(log=None, only_stale=False):
    """Every available dataset in every language (or only those whose data changed since
    their files were built): what the daily command and the task after a publication run.
    Returns (files stored or replaced, files unchanged)."""
    if only_stale:
        pairs = stale(stored_files())
    else:
        pairs = [(d, language) for d in datasets.available() for language in datasets.languages()]
    stored, total = [], 0
    for dataset, language in pairs:
        total += len(build(dataset, language, stored))
    for snapshot in stored:
        if log:
            log(f"{snapshot.filename}: {snapshot.size} bytes, sha256 {snapshot.sha256}")
    return len(stored), total - len(stored)


def prune(today=None):
    """Remove the files OPEN_DATA_KEEP_DAYS no longer keeps; return how many went.

    Kept: every file of the last OPEN_DATA_KEEP_DAYS days, the first file of each month
    before that (a monthly series for citations), and the latest file of each dataset,
    language and format whatever its age (it is what the site serves). 0 keeps everything."""
    keep_days = settings.OPEN_DATA_KEEP_DAYS
    if keep_days <= 0:
        return 0
    today = today or timezone.localdate()
    cutoff = today - datetime.timedelta(days=keep_days)
    old = OpenDataSnapshot.objects.filter(day__lt=cutoff).values_list(
        "pk", "dataset", "language", "format", "day"
    )
    latest = {}
    for row in OpenDataSnapshot.objects.values_list("pk", "dataset", "language", "format", "day"):
        key = row[1:4]
        if key not in latest or row[4] > latest[key][1]:
            latest[key] = (row[0], row[4])
    first_of_month = {}
    for pk, slug, language, fmt, day in old.order_by("day"):
        first_of_month.setdefault((slug, language, fmt, day.year, day.month), pk)
    keep = set(first_of_month.values()) | {pk for pk, _day in latest.values()}
    doomed = [pk for pk, *_rest in old if pk not in keep]
    OpenDataSnapshot.objects.filter(pk__in=doomed).delete()
    return len(doomed)
