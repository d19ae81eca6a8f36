"""Subscribing to campaign news: double opt-in, signed links, unsubscribing.

Links carry no address: each token is a signed reference to one subscriber row.
- confirm: [pk, when the confirmation was sent], expiring after NEWS_CONFIRM_MAX_AGE
  seconds; a link from an earlier round cannot confirm again;
- unsubscribe: [pk, when the row was created]; it does not expire (List-Unsubscribe must
  work from any old email), and stops matching once the row is purged and made again.

Nothing here tells a caller whether an address was already subscribed.
"""

import datetime
from urllib.parse import urlencode

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from campaigns.outbox.queue import queue_email
from campaigns.supporters.emails import normalise_email
from campaigns.supporters.tokens import BadToken, absolute, load, stamp
from home.i18n import localize_page, source_of

from .models import NewsSubscriber, SubscriberSource, SubscriberStatus

CONFIRM_SALT = "campaigns.news.confirm"
UNSUBSCRIBE_SALT = "campaigns.news.unsubscribe"

__all__ = ["BadToken", "subscribe", "confirm", "unsubscribe", "subscribe_signer"]


# --- tokens ------------------------------------------------------------------------------


def confirm_token(subscriber):
    return signing.dumps(
        [subscriber.pk, stamp(subscriber.confirmation_sent_at)], salt=CONFIRM_SALT
    )


def unsubscribe_token(subscriber):
    return signing.dumps([subscriber.pk, stamp(subscriber.created_at)], salt=UNSUBSCRIBE_SALT)


def subscriber_from(token, salt, stamped, max_age=None):
    value = load(token or "", salt, max_age=max_age)
    if not (isinstance(value, list) and len(value) == 2 and isinstance(value[0], int)):
        raise BadToken
    subscriber = NewsSubscriber.objects.select_related("campaign").filter(pk=value[0]).first()
    if subscriber is None or stamp(getattr(subscriber, stamped)) != value[1]:
        raise BadToken
    return subscriber


def subscriber_from_confirm_token(token):
    subscriber = subscriber_from(
        token, CONFIRM_SALT, "confirmation_sent_at", max_age=settings.NEWS_CONFIRM_MAX_AGE
    )
    if subscriber.status == SubscriberStatus.UNSUBSCRIBED:
        raise BadToken  # stopped since this link was sent: it must not start the news again
    return subscriber


def subscriber_from_unsubscribe_token(token):
    return subscriber_from(token, UNSUBSCRIBE_SALT, "created_at")


def unsubscribe_url(subscriber):
    """The absolute one-click unsubscribe address (RFC 8058), the token in its query."""
    query = urlencode({"token": unsubscribe_token(subscriber)}, safe=":")
    with translation.override(subscriber.language or settings.LANGUAGE_CODE):
        return absolute(f"{reverse('news_unsubscribe')}?{query}")


# --- subscribing -------------------------------------------------------------------------


def subscriber_for(email, campaign, language, source):
    """The row of (address, campaign), made if missing; locked for this transaction."""
    campaign = source_of(campaign) if campaign else None
    lookup = {"email": normalise_email(email), "campaign": campaign}
    defaults = {"language": language, "source": source}
    try:
        with transaction.atomic():
            return NewsSubscriber.objects.select_for_update().get_or_create(
                **lookup, defaults=defaults
            )[0]
    except IntegrityError:  # made by a concurrent request in between
        return NewsSubscriber.objects.select_for_update().get(**lookup)


def subscribe(email, campaign=None, source=SubscriberSource.NEWSLETTER_FORM):
    """Record that `email` asks for the news (of `campaign`, or all of it); email a
    confirmation link in the active language if one is due.

    At most one confirmation per NEWS_CONFIRM_RESEND seconds; nothing to an address that
    is already confirmed. Returns nothing the caller could use to tell these apart.
    """
    now = timezone.now()
    language = translation.get_language() or settings.LANGUAGE_CODE
    with transaction.atomic():
        subscriber = subscriber_for(email, campaign, language, source)
        if subscriber.is_active:
            return
        resend_after = datetime.timedelta(seconds=settings.NEWS_CONFIRM_RESEND)
        sent = subscriber.confirmation_sent_at
        if sent and now - sent < resend_after:
            return
        subscriber.confirmation_sent_at = now
        subscriber.status = SubscriberStatus.PENDING
        subscriber.unsubscribed_at = None
        subscriber.language = language  # asked again, maybe in another language
        subscriber.save(
            update_fields=["confirmation_sent_at", "status", "unsubscribed_at", "language"]
        )
        send_confirmation(subscriber)


def send_confirmation(subscriber):
    context = {
        "campaign": localize_page(subscriber.campaign),
        "confirm_url": absolute(reverse("news_confirm", args=[confirm_token(subscriber)])),
        "valid_days": max(settings.NEWS_CONFIRM_MAX_AGE // 86400, 1),
    }
    queue_email(
        to=[subscriber.email],
        subject=_("Please confirm: campaign news by email"),
        body_text=render_to_string("campaigns/news/email/confirm.txt", context),
        body_html=render_to_string("campaigns/news/email/confirm.html", context),
    )


def confirm(subscriber):
    """Start sending the news to `subscriber`; True if this call confirmed it."""
    return bool(
        NewsSubscriber.objects.filter(pk=subscriber.pk)
        .exclude(status=SubscriberStatus.CONFIRMED)
        .update(
            status=SubscriberStatus.CONFIRMED, confirmed_at=timezone.now(), unsubscribed_at=None
        )
    )


def unsubscribe(subscriber):
    """Stop the news to `subscriber`; True if it was still subscribed."""
    return bool(
        NewsSubscriber.objects.filter(pk=subscriber.pk)
        .exclude(status=SubscriberStatus.UNSUBSCRIBED)
        .update(status=SubscriberStatus.UNSUBSCRIBED, unsubscribed_at=timezone.now())
    )


def subscribe_signer(signature):
    """A petition signer who ticked "keep me informed" and has just confirmed their
    signature: the confirmation link proved the address, so the subscription is confirmed
    at once, in the signature's language, for the petition's campaign."""
    if not signature.keep_informed:
        return
    campaign = signature.action.related_campaign
    with transaction.atomic():
        subscriber = subscriber_for(
            signature.email,
            campaign,
            signature.language or settings.LANGUAGE_CODE,
            SubscriberSource.PETITION,
        )
        stopped = subscriber.unsubscribed_at
        if subscriber.status == SubscriberStatus.UNSUBSCRIBED and stopped > signature.created_at:
            return  # they stopped the news after signing: that is their last word
        confirm(subscriber)
