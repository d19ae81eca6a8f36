"""Which hearings of a case its followers have not been told about.

A hearing is news when it is added (it was never announced) or moved (its start is not the
one announced); it is announced once, when its case is published. What was announced is
kept on the hearing (`notified_start`), a column a page revision never overwrites (see
Hearing.save), so publishing again without a change, or publishing a translation, tells
nobody anything. Hearings already over, and cancelled ones, are not announced.
"""

import copy

from django.utils import timezone
from wagtail_localize.fields import TranslatableField

from .choices import HearingStatus
from .models import Hearing

ADDED, MOVED = "added", "moved"


def unannounced(case, now=None):
    """[(hearing, ADDED or MOVED)] of `case` (its own, stored rows), soonest first."""
    now = now or timezone.now()
    news = []
    for hearing in case.hearings.order_by("starts_at", "pk"):
        if hearing.notified_start == hearing.starts_at:
            continue
        if hearing.status == HearingStatus.CANCELLED or hearing.is_past(now):
            continue
        news.append((hearing, ADDED if hearing.notified_start is None else MOVED))
    return news


def mark_announced(hearings):
    """Record that followers were told of each hearing's current start."""
    for hearing in hearings:
        Hearing.objects.filter(pk=hearing.pk).update(notified_start=hearing.starts_at)


def in_words_of(hearing, translation):
    """`hearing` (the source row: the news is about its date, time and status) told in the
    words of `translation` (court, city, outcome, source title). A translation's copy of
    the facts is only synced when the translation is, so its date may still be the old one.
    """
    if translation is None or translation.pk == hearing.pk:
        return hearing
    told = copy.copy(hearing)
    for field in Hearing.translatable_fields:
        if isinstance(field, TranslatableField):
            setattr(told, field.field_name, getattr(translation, field.field_name))
    return told
