"""The public corrections, as the page, the feed and the open data list them."""

from campaigns.cases.models import CasePage
from home.i18n import for_reader

from .models import CaseCorrection


def public_corrections():
    """The corrections of live, public cases, each in the reader's language where
    translated, newest first, with their case (one query, plus Wagtail's check for
    private sections)."""
    cases = CasePage.objects.live().public()
    return (
        for_reader(CaseCorrection.objects.filter(page__in=cases.values("pk")))
        .select_related("page")
        .order_by("-date", "-pk")
    )
