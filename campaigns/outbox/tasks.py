"""Background tasks, run by `manage.py db_worker --backend email --queue-name email`."""

import datetime
import logging
import smtplib

from django.conf import settings
from django.core.mail import mailers
from django.db import DatabaseError, transaction
from django.tasks import task
from django.utils import timezone

from .messages import build_message
from .models import EmailStatus, OutboundEmail

logger = logging.getLogger(__name__)

MAX_RETRY_DELAY = datetime.timedelta(hours=6)

# Emails this process handed to the mail server but could not record as sent, because the
# database went away at that moment (the row was rolled back to "queued"): the email worker
# records them when the database is back (campaigns.outbox.worker), so that the task it puts
# back finds them sent instead of sending them again.
unrecorded_sends = set()


def retry_delay(attempts):
    """Exponential back-off: base, 2×base, 4×base... after the 1st, 2nd, 3rd failure."""
    delay = datetime.timedelta(seconds=settings.EMAIL_RETRY_DELAY * 2 ** max(attempts - 1, 0))
    return min(delay, MAX_RETRY_DELAY)


def is_permanent(error):
    """True when trying again cannot help: the server rejected the message itself (5xx),
    or the message could not be built. Network trouble and 4xx replies are worth a retry."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return all(code >= 500 for code, _message in error.recipients.values())
    if isinstance(error, smtplib.SMTPResponseException):
        return error.smtp_code >= 500
    return isinstance(error, ValueError | TypeError | UnicodeError)


def describe(error):
    return f"{type(error).__name__}: {error}"[:500]


@task(backend="email", queue_name="email")
def deliver_email(email_id):
    """Send one stored email; on failure schedule another try, until EMAIL_MAX_ATTEMPTS."""
    sent = False
    try:
        # The row stays locked while sending, so a second worker given the same email (a
        # duplicated task, a retry clicked twice) waits, then sees it sent and does nothing.
        with transaction.atomic():
            email = OutboundEmail.objects.select_for_update().filter(pk=email_id).first()
            if email is None or email.status != EmailStatus.QUEUED:
                return "skipped"
            email.attempts += 1
            try:
                mailers.default.send_messages([build_message(email)])
            except Exception as error:  # every failure is recorded on the row
                email.last_error = describe(error)
                if is_permanent(error) or email.attempts >= settings.EMAIL_MAX_ATTEMPTS:
                    email.status = EmailStatus.FAILED
                    email.next_attempt_at = None
                    logger.warning(
                        "Email %s failed after %d attempt(s): %s",
                        email.pk,
                        email.attempts,
                        type(error).__name__,
                    )
                else:
                    email.next_attempt_at = timezone.now() + retry_delay(email.attempts)
                    deliver_email.using(run_after=email.next_attempt_at).enqueue(email.pk)
                    logger.info(
                        "Email %s not sent (attempt %d, %s); retrying at %s",
                        email.pk,
                        email.attempts,
                        type(error).__name__,
                        email.next_attempt_at.isoformat(),
                    )
                email.save(update_fields=["attempts", "last_error", "status", "next_attempt_at"])
                return email.status
            sent = True
            email.status = EmailStatus.SENT
            email.sent_at = timezone.now()
            email.next_attempt_at = None
            email.save(update_fields=["attempts", "status", "sent_at", "next_attempt_at"])
            return email.status
    except DatabaseError:
        if sent:
            unrecorded_sends.add(email_id)
        raise


def retry_failed(email):
    """Put a failed email back on the queue with a fresh set of attempts."""
    with transaction.atomic():
        updated = OutboundEmail.objects.filter(pk=email.pk, status=EmailStatus.FAILED).update(
            status=EmailStatus.QUEUED, attempts=0, next_attempt_at=None
        )
        if updated:
            deliver_email.enqueue(email.pk)
    return bool(updated)
