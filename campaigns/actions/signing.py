"""Signing petitions and reporting letters: the rules, apart from the views.

Why the sign form has no CSRF token
-----------------------------------
The petition page is the one that goes viral, so shared caches (a CDN, Varnish) must be
able to serve one copy to everyone; a CSRF token would make its HTML per visitor. The sign
endpoint is therefore `csrf_exempt`, and what a CSRF token would defend against is
defended otherwise:
- a signature counts only when confirmed through a signed link sent to its address, so a
  forged or scripted post cannot add a signature to the count;
- the public POST guard (`home.abuse.PublicPostGuard`) refuses oversized bodies, posts
  that browsers' Sec-Fetch-Site/Origin headers mark as cross-site, and floods from one
  client (salted IP hash, shared cache);
- the honeypot field and that rate limit bound what a script can make the site send; one
  address gets at most one confirmation per SIGNATURE_CONFIRM_RESEND seconds per petition.

Why a duplicate is refused by email, not on the page
----------------------------------------------------
Saying "this address has already signed" on the page would tell anyone who types an
address whether its owner signed: dangerous for supporters where the cause is banned.
The page always answers "check your inbox"; the address's owner is told, in their inbox,
that their signature already counts (or gets a fresh confirmation link if they never
confirmed). The duplicate adds no row and no count: the unique constraint sees to that.
"""

import datetime

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from campaigns.outbox.queue import queue_email
from campaigns.supporters.emails import normalise_email
from campaigns.supporters.tokens import BadToken, absolute, load, stamp
from home.i18n import language_code, localize_page

from .models import ActionPage, ActionTally, Signature
from .signals import letter_counted, signature_confirmed

CONFIRM_SALT = "campaigns.actions.confirm-signature"


class Closed(Exception):
    """The petition's deadline has passed."""


def confirm_token(signature):
    return signing.dumps([signature.pk, stamp(signature.created_at)], salt=CONFIRM_SALT)


class Expired(BadToken):
    """A genuine link past its time; `action` says which petition to sign again."""

    def __init__(self, action):
        super().__init__()
        self.action = action


def signature_from_token(token):
    """The signature a confirmation link names.

    Raises Expired (naming the petition) for a genuine link past its time, and BadToken
    for a damaged or forged one, or one whose signature has since been removed.
    """
    value = load(token, CONFIRM_SALT)
    if not (isinstance(value, list) and len(value) == 2):
        raise BadToken
    signature = Signature.objects.select_related("action").filter(pk=value[0]).first()
    if signature is None or stamp(signature.created_at) != value[1]:
        raise BadToken  # purged and signed again: an old link must not confirm the new row
    if signature.confirmed_at is None:  # a confirmed signature's link may say so forever
        try:
            load(token, CONFIRM_SALT, max_age=settings.SIGNATURE_CONFIRM_MAX_AGE)
        except BadToken:
            raise Expired(signature.action) from None
    return signature


def sign(action, data):
    """Record a signature (unconfirmed) and send the email its owner needs.

    `action` is the page the reader signed on, in their language; the signature is
    recorded against its source page (`counted_page`), so that /ru/act/x/ and /act/x/
    count one petition and one address signs it once. Its emails are in the language of
    the page. Returns nothing a caller could use to tell a new signer from a duplicate.
    """
    if not action.is_open:
        raise Closed
    counted = action.counted_page
    email = normalise_email(data["email"])
    fields = {
        "language": translation.get_language() or settings.LANGUAGE_CODE,
        "name": data["name"],
        "country": data.get("country") or "",
        "show_name": bool(data.get("show_name")),
        "keep_informed": bool(data.get("keep_informed")),
    }
    try:
        with transaction.atomic():
            signature = Signature.objects.create(action=counted, email=email, **fields)
    except IntegrityError:
        # The unique constraint refused a second signature from this address; the
        # first one's details stand (whoever posts again cannot rewrite them).
        signature = Signature.objects.get(action=counted, email=email)
    if claim_notice(signature):
        send_notice(signature, page=action)


def claim_notice(signature):
    """True for the one request that may email this signer now (atomic, no lock held)."""
    now = timezone.now()
    window = now - datetime.timedelta(seconds=settings.SIGNATURE_CONFIRM_RESEND)
    return bool(
        Signature.objects.filter(pk=signature.pk)
        .filter(Q(confirmation_sent_at__isnull=True) | Q(confirmation_sent_at__lt=window))
        .update(confirmation_sent_at=now)
    )


def send_notice(signature, page=None):
    """A confirmation link, or, if the signature already counts, a note saying so, in
    the language of `page` (the page signed on), else in the signature's language."""
    language = language_code(page.locale_id) if page else signature.language
    with translation.override(language or settings.LANGUAGE_CODE):
        action = page or localize_page(signature.action)
        already = signature.confirmed_at is not None
        context = {
            "action": action,
            "name": signature.name,
            "action_url": absolute(action.url or "/"),
            "confirm_url": absolute(reverse("signature_confirm", args=[confirm_token(signature)])),
            "valid_days": max(settings.SIGNATURE_CONFIRM_MAX_AGE // 86400, 1),
        }
        template = "already_signed" if already else "confirm"
        subject = (
            _("You have already signed: %(title)s")
            if already
            else _("Please confirm your signature: %(title)s")
        ) % {"title": action.title}
        queue_email(
            to=[signature.email],
            subject=subject,
            body_text=render_to_string(f"campaigns/actions/email/{template}.txt", context),
            body_html=render_to_string(f"campaigns/actions/email/{template}.html", context),
        )


def confirm(signature):
    """Count a signature once: only the request whose UPDATE matches adds to the tally.

    Returns True when this call confirmed it, False when it was already confirmed.
    Signatures made before a petition closed may still be confirmed after it closes.
    """
    with transaction.atomic():
        confirmed = Signature.objects.filter(pk=signature.pk, confirmed_at__isnull=True).update(
            confirmed_at=timezone.now()
        )
        if confirmed:
            ActionTally.add(signature.action_id, "signatures")
            signature_confirmed.send(sender=Signature, signature=signature)
    return bool(confirmed)


def letter_sent(action):
    """Count one letter a reader says they sent (on the source page: see `sign`)."""
    if not action.is_open:
        raise Closed
    with transaction.atomic():
        ActionTally.add(action.counted_page.pk, "letters")
        letter_counted.send(sender=ActionPage, action=action.counted_page)
