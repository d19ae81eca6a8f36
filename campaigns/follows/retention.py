"""How long follows are kept (campaigns.supporters.retention)."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from campaigns.supporters.retention import register_purger

from .models import Follow


@register_purger(_("unconfirmed and ended follows"), order=50)
def stale_follows(cutoff):
    """Requests never confirmed, and follows ended by unsubscribing."""
    return Follow.objects.filter(
        Q(confirmed_at__isnull=True, created_at__lt=cutoff)
        | Q(unsubscribed_at__isnull=False, unsubscribed_at__lt=cutoff)
    ).delete()[0]
