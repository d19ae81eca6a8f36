"""How long reporters' contact details are kept (campaigns.supporters.retention).

A report's name and email are kept while it is open (the team may need to ask back) and
removed once it has been closed for longer than the retention period; the report itself,
which names no one, stays as the record of what was checked."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from campaigns.supporters.retention import register_purger

from .models import CLOSED_STATUSES, InaccuracyReport


@register_purger(_("inaccuracy reporters' names and email addresses"), order=45)
def reporter_details(cutoff):
    return (
        InaccuracyReport.objects.filter(status__in=CLOSED_STATUSES, closed_at__lt=cutoff)
        .filter(~Q(reporter_email="") | ~Q(reporter_name=""))
        .update(reporter_email="", reporter_name="")
    )
