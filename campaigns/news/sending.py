"""Sending an approved news issue: one email per confirmed subscriber, in batches.

- Only an issue in the default language, approved (live: the review workflow published
  it) and never sent may be sent (`can_send`); `start_sending` records the moment once,
  so a second click sends nothing.
- `send_batch` runs on the email worker (`manage.py email_worker`), NEWS_BATCH_SIZE
  subscribers at a time, then puts itself back on the queue: a big list never holds up a
  request. Each subscriber gets the issue's live translation in their language, else the
  English one, rendered once per language (the reader's unsubscribe link is filled in).
- A `NewsDelivery` row per subscriber (unique per issue) is written in the transaction
  that queues the email, so nobody gets the same issue twice.
- Delivery and its retries are the outbox's: a refusal by the mail server (5xx) is not
  retried. A subscriber with NEWS_BOUNCE_LIMIT failed deliveries is marked bouncing and
  sent nothing more (`mark_bouncing`).
"""

from email.utils import parseaddr
from urllib.parse import quote

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.tasks import task
from django.utils import timezone, translation
from django.utils.html import escape
from wagtail.log_actions import log

from campaigns.outbox.models import EmailStatus
from campaigns.outbox.queue import queue_email
from home.i18n import default_locale_id, language_code

from .models import NewsDelivery, NewsIssue, NewsSubscriber, SubscriberStatus
from .rendering import render_issue
from .subscribing import unsubscribe_url

SEND_ACTION = "campaigns.news_send"
# Stands in for each reader's own link in the email rendered once per language.
LINK_PLACEHOLDER = "https://unsubscribe.invalid/news-placeholder"


def unsubscribe_mailto(address):
    """The mailto: URI of List-Unsubscribe for `address`, which may be written
    "Name <addr>" (as DEFAULT_FROM_EMAIL often is): only the address, URL-quoted."""
    address = parseaddr(address or "")[1]
    return f"mailto:{quote(address, safe='@')}?subject=unsubscribe" if address else ""


def can_send(issue):
    return (
        issue.locale_id == default_locale_id() and issue.live and issue.sending_started_at is None
    )


def start_sending(issue, user):
    """Start sending `issue` (once: True for the call that started it)."""
    with transaction.atomic():
        started = NewsIssue.objects.filter(
            pk=issue.pk, live=True, sending_started_at__isnull=True
        ).update(sending_started_at=timezone.now())
        if started:
            log(instance=issue, action=SEND_ACTION, user=user)
            send_batch.enqueue(issue.pk)
    return bool(started)


def recipients(issue):
    """Confirmed subscribers of this issue's news not yet sent it, oldest first."""
    subscribers = NewsSubscriber.objects.filter(status=SubscriberStatus.CONFIRMED)
    if issue.campaign_id:
        subscribers = subscribers.filter(
            Q(campaign__isnull=True) | Q(campaign_id=issue.campaign_id)
        )
    return subscribers.exclude(deliveries__issue=issue).order_by("pk")


def mark_bouncing():
    """Subscribers whose mail failed NEWS_BOUNCE_LIMIT times get no more news."""
    failing = (
        NewsDelivery.objects.filter(email__status=EmailStatus.FAILED, subscriber__isnull=False)
        .values("subscriber")
        .annotate(failures=Count("pk"))
        .filter(failures__gte=settings.NEWS_BOUNCE_LIMIT)
        .values("subscriber")
    )
    return NewsSubscriber.objects.filter(pk__in=failing, status=SubscriberStatus.CONFIRMED).update(
        status=SubscriberStatus.BOUNCING, unsubscribed_at=timezone.now()
    )


def versions_of(issue):
    """{language code: the issue as read in it}: the live translations, and the issue."""
    live = NewsIssue.objects.filter(translation_key=issue.translation_key, live=True)
    return {language_code(version.locale_id): version for version in live}


def email_for(issue, language, rendered):
    """The issue rendered in `language` (memoised in `rendered`)."""
    if language not in rendered:
        with translation.override(language):
            rendered[language] = render_issue(issue, unsubscribe_url=LINK_PLACEHOLDER)
    return rendered[language]


def queue_for(issue, subscriber, email):
    """Queue `email` for `subscriber` unless it already has this issue."""
    link = unsubscribe_url(subscriber)
    mailto = unsubscribe_mailto(settings.NEWS_UNSUBSCRIBE_MAILTO)
    header = f"<{link}>" + (f", <{mailto}>" if mailto else "")
    try:
        with transaction.atomic():
            delivery = NewsDelivery.objects.create(
                issue=issue, subscriber=subscriber, language=subscriber.language
            )
            delivery.email = queue_email(
                to=[subscriber.email],
                subject=email["subject"],
                body_text=email["text"].replace(LINK_PLACEHOLDER, link),
                body_html=email["html"].replace(LINK_PLACEHOLDER, escape(link)),
                headers={
                    "List-Unsubscribe": header,
                    "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
                },
            )
            delivery.save(update_fields=["email"])
    except IntegrityError:
        return False  # another worker queued it first
    return True


@task(backend="email", queue_name="email")
def send_batch(issue_id):
    """Queue the issue for the next NEWS_BATCH_SIZE subscribers; then the next batch."""
    issue = NewsIssue.objects.filter(pk=issue_id, sending_started_at__isnull=False).first()
    if issue is None:
        return 0
    mark_bouncing()
    versions = versions_of(issue)
    rendered = {}
    batch = list(recipients(issue)[: settings.NEWS_BATCH_SIZE])
    queued = 0
    for subscriber in batch:
        language = subscriber.language or settings.LANGUAGE_CODE
        version = versions.get(language, issue)
        language = language if version is not issue else language_code(issue.locale_id)
        queued += queue_for(issue, subscriber, email_for(version, language, rendered))
    if len(batch) == settings.NEWS_BATCH_SIZE:
        send_batch.enqueue(issue_id)
    return queued


def send_report(issue):
    """How sending went, in counts only (one query): queued, sent, failed, the records
    the outbox has purged since, the subscribers who unsubscribed since (a purged
    subscriber had unsubscribed: only those are purged once confirmed) and those now
    marked bouncing."""
    since = issue.sending_started_at or timezone.now()
    return issue.deliveries.aggregate(
        total=Count("pk"),
        queued=Count("pk", filter=Q(email__status=EmailStatus.QUEUED)),
        sent=Count("pk", filter=Q(email__status=EmailStatus.SENT)),
        failed=Count("pk", filter=Q(email__status=EmailStatus.FAILED)),
        purged=Count("pk", filter=Q(email__isnull=True)),
        unsubscribed=Count(
            "pk",
            filter=Q(subscriber__isnull=True)
            | Q(
                subscriber__status=SubscriberStatus.UNSUBSCRIBED,
                subscriber__unsubscribed_at__gt=since,
            ),
        ),
        bouncing=Count("pk", filter=Q(subscriber__status=SubscriberStatus.BOUNCING)),
    )
