"""The hearings as an open dataset: one row per hearing of a live, public case, public
fields only (campaigns.opendata publishes it with its checksum and signature)."""

import datetime

from django.utils import translation
from django.utils.translation import gettext_lazy as _

from campaigns.opendata.versions import pages_version

from .listing import case_model, public_hearings

COLUMNS = [
    ("case_slug", _("The case's address: /cases/<case_slug>/.")),
    ("case_name", _("The person's name, in the dataset's language where translated.")),
    ("uid", _("The hearing's identifier, the same in every language and across edits.")),
    ("start_utc", _("When it starts, in UTC (ISO 8601); midnight when the time is not known.")),
    ("time_zone", _("The court's time zone (IANA name, e.g. Asia/Almaty).")),
    ("local_start", _("When it starts on the court's clock (ISO 8601, with the UTC offset).")),
    ("time_known", _("“true” when the time of day is known, “false” for the day only.")),
    ("court", _("The court.")),
    ("city", _("The city the court sits in; empty when no source says.")),
    ("kind", _("preliminary, trial, verdict, appeal, cassation or parole.")),
    ("open", _("open, closed or unknown: whether the public may attend.")),
    ("status", _("scheduled, moved, cancelled or held.")),
    ("outcome", _("What the court decided, once known.")),
    ("source_url", _("The address of the source that gives the hearing.")),
    ("source_title", _("The source's title.")),
]


def rows(language_code):
    """Every hearing of a live, public case as {column: text}, in `language_code` where
    the case is translated, in time order (two queries)."""
    with translation.override(language_code):
        for hearing in public_hearings():
            yield row(hearing)


def row(hearing):
    starts = hearing.starts_at.astimezone(datetime.UTC)
    return {
        "case_slug": hearing.page.slug,
        "case_name": hearing.page.person_name,
        "uid": str(hearing.translation_key),
        "start_utc": starts.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "time_zone": hearing.time_zone,
        "local_start": hearing.local_start.isoformat(),
        "time_known": "true" if hearing.time_known else "false",
        "court": hearing.court,
        "city": hearing.city,
        "kind": hearing.kind,
        "open": hearing.access,
        "status": hearing.status,
        "outcome": hearing.outcome,
        "source_url": hearing.source_url,
        "source_title": hearing.source_title,
    }


def version():
    """The hearings change only with a publication of their case: the cases' version."""
    return pages_version(case_model())
