"""Outgoing email, kept until it is delivered so that nothing is lost when the mail server is down.

Each message is stored first and then handed to the background queue (see
campaigns.outbox.queue and campaigns.outbox.tasks); the row records how delivery went, for
the team to see in the admin.
"""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class EmailStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting to be sent")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")


class EmailKind(models.TextChoices):
    CONTACT = "contact", _("Contact form message")
    OTHER = "other", _("Other")


class OutboundEmail(models.Model):
    """One email on its way out: exactly what will be sent, and how sending went."""

    kind = models.CharField(
        _("kind"), max_length=16, choices=EmailKind.choices, default=EmailKind.OTHER
    )
    to = models.JSONField(_("to"), default=list, help_text=_("Recipient addresses."))
    from_email = models.CharField(_("from"), max_length=320, blank=True)
    reply_to = models.CharField(_("reply to"), max_length=400, blank=True)
    subject = models.CharField(_("subject"), max_length=255)
    body_text = models.TextField(_("plain text"))
    body_html = models.TextField(_("HTML"), blank=True)
    headers = models.JSONField(_("extra headers"), default=dict, blank=True)
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=EmailStatus.choices,
        default=EmailStatus.QUEUED,
        db_index=True,
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("queued"), default=timezone.now, db_index=True)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("outgoing email")
        verbose_name_plural = _("outgoing emails")
        ordering = ["-created_at", "-pk"]
        permissions = [("retry_outboundemail", _("Can retry failed emails"))]

    def __str__(self):
        return self.subject
