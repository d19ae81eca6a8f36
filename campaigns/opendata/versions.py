"""What a dataset of live, public pages is built from, as one short value (a dataset's
`version()`): when it changes, the stored files are out of date and are rebuilt."""

from django.db.models import Count, Max
from wagtail.models import PageViewRestriction


def pages_version(model):
    """Changes whenever a page of `model` (or a translation) is published, unpublished or
    deleted — each publication also saves the page's hearings, corrections and other
    rows — and whenever a view restriction is added or removed anywhere, since that can
    take a page out of "public". Two queries."""
    pages = model.objects.live().aggregate(count=Count("pk"), last=Max("last_published_at"))
    last = pages["last"].isoformat() if pages["last"] else ""
    restrictions = PageViewRestriction.objects.aggregate(count=Count("pk"), last=Max("pk"))
    return f"{pages['count']}:{last}:{restrictions['count']}:{restrictions['last'] or 0}"
