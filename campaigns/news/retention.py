"""How long news subscribers are kept (campaigns.supporters.retention).

Sent issues' emails follow the outbox's own purge; a delivery record then keeps only its
count (its email and, once purged, its subscriber become empty).
"""

import datetime

from django.conf import settings
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from campaigns.supporters.retention import register_purger

from .models import NewsSubscriber, SubscriberStatus


@register_purger(_("unconfirmed news subscriptions"), order=55)
def unconfirmed_subscriptions(cutoff):
    """Not confirmed while the last confirmation link worked (NEWS_CONFIRM_MAX_AGE): that
    link is dead, and the address was never shown to be its owner's."""
    expired = timezone.now() - datetime.timedelta(seconds=settings.NEWS_CONFIRM_MAX_AGE)
    return NewsSubscriber.objects.filter(
        Q(confirmation_sent_at__lt=expired)
        | Q(confirmation_sent_at__isnull=True, created_at__lt=expired),
        status=SubscriberStatus.PENDING,
    ).delete()[0]


@register_purger(_("ended news subscriptions"), order=56)
def ended_subscriptions(cutoff):
    """Ended (unsubscribed, or marked bouncing) before `cutoff`, that is
    SUPPORTER_DATA_RETENTION_DAYS ago."""
    return NewsSubscriber.objects.filter(
        status__in=[SubscriberStatus.UNSUBSCRIBED, SubscriberStatus.BOUNCING],
        unsubscribed_at__lt=cutoff,
    ).delete()[0]
