"""Queueing email: store the message, then let the background worker deliver it.

`queue_email()` is the only way the site sends mail. The message is saved as an
OutboundEmail row in the same transaction as its task, so either both exist or
neither does; the worker (campaigns.outbox.tasks.deliver_email) sends it through the
default mailer, retrying with back-off while the mail server is unreachable.

`oldest_unsent_age()` and `queue_is_stuck()` say whether email is waiting too long (the
worker stopped, or the mail server has refused it for a while): the admin's warnings and
the readiness check (/healthz/ready/) read them.
"""

import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from .messages import header_text
from .models import EmailKind, EmailStatus, OutboundEmail
from .tasks import deliver_email


def queue_email(
    *, to, subject, body_text, body_html="", from_email="", reply_to="", headers=None, kind=None
):
    """Store an email and put its delivery on the "email" queue; return the stored row."""
    with transaction.atomic():
        email = OutboundEmail.objects.create(
            kind=kind or EmailKind.OTHER,
            to=[header_text(address, limit=320) for address in to],
            from_email=header_text(from_email, limit=320),
            reply_to=header_text(reply_to, limit=400),
            subject=header_text(subject),
            body_text=body_text,
            body_html=body_html,
            headers={
                header_text(name, limit=60): header_text(value, limit=900)
                for name, value in (headers or {}).items()
            },
        )
        deliver_email.enqueue(email.pk)
    return email


def oldest_unsent_age():
    """How long the oldest email still waiting to be sent has waited (a timedelta), or None
    when nothing waits. One indexed query."""
    oldest = (
        OutboundEmail.objects.filter(status=EmailStatus.QUEUED)
        .order_by("created_at")
        .values_list("created_at", flat=True)
        .first()
    )
    return None if oldest is None else max(timezone.now() - oldest, datetime.timedelta(0))


def queue_is_stuck(age):
    """True when `age` (oldest_unsent_age()'s answer) is over EMAIL_QUEUE_STUCK_AFTER seconds."""
    return age is not None and age.total_seconds() > settings.EMAIL_QUEUE_STUCK_AFTER
