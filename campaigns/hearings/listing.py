"""Which hearings a reader sees: those of live, public cases, in the reader's language, and
a case's own hearings split into upcoming and past."""

import datetime

from django.utils import timezone

from home.i18n import for_reader

from .models import Hearing

# How far back /hearings/ lists what happened.
RECENT_DAYS = 90


def case_model():
    """CasePage, reached through the relation: this package sits below campaigns.cases."""
    return Hearing._meta.get_field("page").related_model


def public_hearings():
    """Hearings of live, public cases, each in the active language where its case is
    translated and live, else in the default language. The case comes in the same query,
    without its long fields."""
    cases = case_model().objects.live().public()
    hearings = for_reader(Hearing.objects.filter(page__in=cases.values("pk")))
    return (
        hearings.select_related("page")
        .defer("page__body", "page__sources")
        .order_by("starts_at", "pk")
    )


def in_window(hearings, now=None, recent_days=RECENT_DAYS):
    """`hearings` that start after the last `recent_days` began (a day more: a whole day's
    hearing ends a day after its start)."""
    now = now or timezone.now()
    return hearings.filter(starts_at__gte=now - datetime.timedelta(days=recent_days + 1))


def listed(hearings, now=None, recent_days=RECENT_DAYS):
    """(upcoming, recent): of `hearings` (in_window), those not yet over, soonest first,
    and those over in the last `recent_days`, latest first; one query."""
    now = now or timezone.now()
    upcoming, recent = [], []
    for hearing in hearings:
        if not hearing.is_past(now):
            upcoming.append(hearing)
        elif hearing.ends_at >= now - datetime.timedelta(days=recent_days):
            recent.append(hearing)
    return upcoming, recent[::-1]


def hearings_of(page):
    """A case's hearings in time order, fetched once per page object however many parts of
    the page ask (no query when the page was built with them, as in a preview)."""
    found = getattr(page, "_ordered_hearings", None)
    if found is None:
        found = sorted(
            page.hearings.all(), key=lambda h: (h.compute_starts_at(), h.sort_order or 0)
        )
        page._ordered_hearings = found
    return found


def upcoming_hearings(page, now=None):
    now = now or timezone.now()
    return [hearing for hearing in hearings_of(page) if not _over(hearing, now)]


def past_hearings(page, now=None):
    now = now or timezone.now()
    return [hearing for hearing in hearings_of(page) if _over(hearing, now)]


def _over(hearing, now):
    hearing.starts_at = hearing.compute_starts_at()  # unsaved in a preview
    return hearing.is_past(now)


def timeline(page, updates, now=None):
    """A case's updates and its past hearings in one list, newest first: a hearing sorts
    after an update of the same day (the update usually reports its result)."""
    entries = [(update.date, 1, update) for update in updates]
    entries += [(hearing.starts_on, 0, hearing) for hearing in past_hearings(page, now)]
    entries.sort(key=lambda entry: entry[:2], reverse=True)
    return [entry[2] for entry in entries]
