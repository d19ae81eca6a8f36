"""Tell a case's followers when a hearing is added or moved (campaigns.hearings decides
which are news); one email per follower, in their language, through the outbox."""

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from campaigns.hearings.notices import MOVED, in_words_of, mark_announced, unannounced
from campaigns.outbox.queue import queue_email
from home.i18n import localize_page, source_of

from .notify import links


def notify_hearing_followers(case):
    """Queue the news of `case`'s added and moved hearings to its active followers and
    record it as told; returns how many emails were queued. A translation's publication,
    or a case that is not live and public, sends nothing (and records nothing)."""
    if source_of(case).pk != case.pk:
        return 0
    if not case.__class__.objects.live().public().filter(pk=case.pk).exists():
        return 0
    news = unannounced(case)
    if not news:
        return 0
    sent = 0
    readers = {}  # language -> (the case in it, its hearings by translation key)
    with transaction.atomic():
        followers = case.follows.filter(confirmed_at__isnull=False, unsubscribed_at__isnull=True)
        for follow in followers:
            follow.case = case
            language = follow.language or settings.LANGUAGE_CODE
            with translation.override(language):
                if language not in readers:
                    shown = localize_page(case)
                    translated = {}
                    if shown.pk != case.pk:
                        translated = {h.translation_key: h for h in shown.hearings.all()}
                    readers[language] = (shown, translated)
                shown, translated = readers[language]
                send_hearings(
                    follow,
                    [
                        (in_words_of(h, translated.get(h.translation_key)), change)
                        for h, change in news
                    ],
                    shown,
                )
            sent += 1
        mark_announced([hearing for hearing, _change in news])
    return sent


def send_hearings(follow, news, case):
    """One email of `news` ([(hearing, change)]) to `follow`, in the active language."""
    urls = links(follow, case)
    context = {
        "case": case,
        "hearings": [
            {
                "hearing": hearing,
                "moved": change == MOVED,
                "url": f"{urls['case_url']}#{hearing.anchor}",
            }
            for hearing, change in news
        ],
        "calendar_url": f"{urls['case_url']}hearings.ics",
        **urls,
    }
    moved = any(change == MOVED for _hearing, change in news)
    subject = (
        _("A hearing was moved in the case of %(name)s")
        if moved
        else _("A hearing is scheduled in the case of %(name)s")
    ) % {"name": case.title}
    queue_email(
        to=[follow.email],
        subject=subject,
        body_text=render_to_string("campaigns/follow/email/hearings.txt", context),
        body_html=render_to_string("campaigns/follow/email/hearings.html", context),
        headers={
            "List-Unsubscribe": f"<{urls['unsubscribe_url']}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
