"""Queueing email: store the message, then let the background worker deliver it.

`queue_email()` is the only way the site sends mail. The message is saved as an
OutboundEmail row in the same transaction as its task, so either both exist or
neither does; the worker (campaigns.outbox.tasks.deliver_email) sends it through the
default mailer, retrying with back-off while the mail server is unreachable.
"""

from django.db import transaction

from .messages import header_text
from .models import EmailKind, OutboundEmail
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
