"""Following a case by email: signed links, the confirmation email and update notifications.

Links carry no address: each token is a signed reference to one Follow row.
- confirm: expires after FOLLOW_CONFIRM_MAX_AGE seconds and names the confirmation it came
  with, so a link from an earlier round (before an unsubscribe) cannot confirm again;
- unsubscribe: one follow, for List-Unsubscribe (RFC 8058 one-click) and the email's link;
- manage: every case the follow's address follows, on one page.
Unsubscribe and manage links expire after FOLLOW_LINK_MAX_AGE seconds: every notice carries
fresh ones, and `send_manage_link` emails a fresh one to an address that asks. They carry
the token in the query string (`/follow/manage/?token=…`), which the views move into the
session at once, redirecting to the bare address: the token is in one request line only,
and access logs, which drop query strings, never hold it.
"""

import datetime
from urllib.parse import urlencode

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.crypto import salted_hmac
from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from campaigns.outbox.queue import queue_email
from campaigns.supporters.emails import normalise_email
from campaigns.supporters.tokens import BadToken, absolute, load, stamp
from home.i18n import language_code, localize_page, source_of

from .models import Follow

CONFIRM_SALT = "campaigns.follows.confirm"
UNSUBSCRIBE_SALT = "campaigns.follows.unsubscribe"
MANAGE_SALT = "campaigns.follows.manage"


# --- tokens ------------------------------------------------------------------------------


def confirm_token(follow):
    return signing.dumps([follow.pk, stamp(follow.confirmation_sent_at)], salt=CONFIRM_SALT)


def unsubscribe_token(follow):
    return signing.dumps(follow.pk, salt=UNSUBSCRIBE_SALT)


def manage_token(follow):
    return signing.dumps(follow.pk, salt=MANAGE_SALT)


def follow_from_confirm_token(token):
    value = load(token, CONFIRM_SALT, max_age=settings.FOLLOW_CONFIRM_MAX_AGE)
    if not (isinstance(value, list) and len(value) == 2):
        raise BadToken
    follow = Follow.objects.select_related("case").filter(pk=value[0]).first()
    if follow is None or stamp(follow.confirmation_sent_at) != value[1]:
        raise BadToken
    return follow


def follow_from_token(token, salt):
    """The follow a manage or unsubscribe token names; BadToken if it is damaged, forged,
    signed for the other purpose or older than FOLLOW_LINK_MAX_AGE seconds."""
    value = load(token, salt, max_age=settings.FOLLOW_LINK_MAX_AGE)
    if not isinstance(value, int):
        raise BadToken
    follow = Follow.objects.select_related("case").filter(pk=value).first()
    if follow is None:
        raise BadToken
    return follow


def links(follow, case=None):
    """The follow's links, in the active language; `case` is the case as the follower
    reads it (by default the followed, source-language, page)."""
    case = case or follow.case
    return {
        "unsubscribe_url": token_url("follow_unsubscribe", unsubscribe_token(follow)),
        "manage_url": token_url("follow_manage", manage_token(follow)),
        "case_url": absolute(case.url or "/"),
    }


def token_url(name, token):
    """The absolute address of view `name` with `token` in its query string."""
    return absolute(f"{reverse(name)}?{urlencode({'token': token}, safe=':')}")


# --- following ---------------------------------------------------------------------------


def request_follow(email, case):
    """Record that `email` asks to follow `case`; send a confirmation if one is due.

    `case` is the page the reader used, in their language: the follow is of its source
    page (so of every translation: one follow, one email per update), and its emails are
    in that language. At most one confirmation per address and case per
    FOLLOW_CONFIRM_RESEND seconds, and nothing at all to an address that already follows.
    Returns nothing the caller could use to tell these cases apart.
    """
    now = timezone.now()
    language = translation.get_language() or settings.LANGUAGE_CODE
    with transaction.atomic():
        follow, _created = Follow.objects.select_for_update().get_or_create(
            email=normalise_email(email), case=source_of(case), defaults={"language": language}
        )
        if follow.is_active:
            return
        resend_after = datetime.timedelta(seconds=settings.FOLLOW_CONFIRM_RESEND)
        if follow.confirmation_sent_at and now - follow.confirmation_sent_at < resend_after:
            return
        follow.confirmation_sent_at = now
        follow.unsubscribed_at = None
        follow.confirmed_at = None
        follow.language = language  # asked again, maybe in another language: now in this one
        follow.save(
            update_fields=["confirmation_sent_at", "unsubscribed_at", "confirmed_at", "language"]
        )
        send_confirmation(follow, case)


def send_confirmation(follow, case):
    context = {
        "case": case,
        "confirm_url": absolute(reverse("follow_confirm", args=[confirm_token(follow)])),
        "valid_days": max(settings.FOLLOW_CONFIRM_MAX_AGE // 86400, 1),
    }
    queue_email(
        to=[follow.email],
        subject=_("Please confirm: follow the case of %(name)s") % {"name": case.title},
        body_text=render_to_string("campaigns/follow/email/confirm.txt", context),
        body_html=render_to_string("campaigns/follow/email/confirm.html", context),
    )


def confirm(follow):
    """Start sending news to this follow; updates already published are not news to it."""
    if follow.confirmed_at and not follow.unsubscribed_at:
        return
    latest = follow.case.updates.order_by("-pk").values_list("pk", flat=True).first()
    follow.confirmed_at = timezone.now()
    follow.unsubscribed_at = None
    follow.last_notified_update_id = latest or 0
    follow.save(update_fields=["confirmed_at", "unsubscribed_at", "last_notified_update_id"])


def unsubscribe(follows):
    """Stop every given follow (a queryset); return how many were following."""
    return follows.filter(unsubscribed_at__isnull=True).update(unsubscribed_at=timezone.now())


def follows_of_address(follow):
    return active_follows(follow.email)


def active_follows(email):
    return (
        Follow.objects.filter(email=normalise_email(email), unsubscribed_at__isnull=True)
        .exclude(confirmed_at__isnull=True)
        .select_related("case")
        .order_by("case__title", "pk")
    )


def send_manage_link(email):
    """Email a fresh "manage your follows" link to `email` if it follows any case.

    For a reader whose emailed link expired. At most one per address per FOLLOW_LINK_RESEND
    seconds (counted in the cache under a hash, never the address), so a stranger cannot
    flood someone's inbox; an address that follows nothing is sent nothing. Returns
    nothing the caller could use to tell these cases apart.
    """
    follow = active_follows(email).first()
    if follow is None:
        return
    key = "follow-link:" + salted_hmac(MANAGE_SALT, follow.email, algorithm="sha256").hexdigest()
    if not cache.add(key, 1, timeout=settings.FOLLOW_LINK_RESEND):
        return
    context = {"valid_days": max(settings.FOLLOW_LINK_MAX_AGE // 86400, 1)}
    with translation.override(follow.language or settings.LANGUAGE_CODE):  # as its news
        context["manage_url"] = links(follow)["manage_url"]
        queue_email(
            to=[follow.email],
            subject=_("Your link to manage the cases you follow"),
            body_text=render_to_string("campaigns/follow/email/manage_link.txt", context),
            body_html=render_to_string("campaigns/follow/email/manage_link.html", context),
        )


# --- notifications -----------------------------------------------------------------------


def update_text(update):
    return " ".join(strip_tags(update.body).split())


def notify_followers(case):
    """Queue one email per active follower listing the updates they have not been sent.

    Called when the case is published; publishing again without new updates sends nothing.
    Follows are of the source (English) page, so its publication sends the news, once per
    follower, each in the language they followed in, not that of the editor who publishes:
    the case and each update in that language where a live translation has it, else in
    English (marked with its `lang`).
    """
    if source_of(case).pk != case.pk:
        return 0  # a translation's publication: its source's followers were told already
    if not case.__class__.objects.live().public().filter(pk=case.pk).exists():
        return 0  # a private case's news is not for email
    updates = sorted(case.updates.all(), key=lambda u: (u.date, u.pk))
    if not updates:
        return 0
    newest = max(update.pk for update in updates)
    sent = 0
    readers = {}  # language -> (the case in it, its updates by translation key)
    with transaction.atomic():
        followers = (
            case.follows.select_for_update()
            .filter(confirmed_at__isnull=False, unsubscribed_at__isnull=True)
            .exclude(last_notified_update_id__gte=newest)
        )
        for follow in followers:
            follow.case = case
            new = [u for u in updates if u.pk > (follow.last_notified_update_id or 0)]
            if not new:
                continue
            language = follow.language or settings.LANGUAGE_CODE
            with translation.override(language):
                if language not in readers:
                    shown = localize_page(case)
                    readers[language] = (
                        shown,
                        {u.translation_key: u for u in shown.updates.all()}
                        if shown.pk != case.pk
                        else {},
                    )
                shown, translated = readers[language]
                send_updates(follow, [translated.get(u.translation_key, u) for u in new], shown)
            follow.last_notified_update_id = newest
            follow.save(update_fields=["last_notified_update_id"])
            sent += 1
    return sent


def send_updates(follow, updates, case=None):
    """One email of `updates` to `follow`, in the active language; `case` is the case as
    the follower reads it (by default the followed page)."""
    case = case or follow.case
    urls = links(follow, case)
    context = {
        "case": case,
        "updates": [
            {
                "date": update.date,
                "title": update.title,
                "text": update_text(update),
                "body": update.body,
                "url": f"{urls['case_url']}#{update.anchor}",
                "lang": language_code(update.locale_id),
            }
            for update in updates
        ],
        **urls,
    }
    subject = (
        _("New on the case of %(name)s: %(title)s")
        % {"name": case.title, "title": updates[-1].title}
        if len(updates) == 1
        else _("%(count)d updates on the case of %(name)s")
        % {"count": len(updates), "name": case.title}
    )
    queue_email(
        to=[follow.email],
        subject=subject,
        body_text=render_to_string("campaigns/follow/email/updates.txt", context),
        body_html=render_to_string("campaigns/follow/email/updates.html", context),
        headers={
            "List-Unsubscribe": f"<{urls['unsubscribe_url']}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
