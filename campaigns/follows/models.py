"""Readers following a case by email: double opt-in, one row per address and case.

The address is kept only to send what was asked for (one confirmation, then news of the
case once confirmed); it is never shown on a public page or written to a log.
"""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from campaigns.cases.models import CasePage
from campaigns.supporters.emails import normalise_email


class Follow(models.Model):
    """One address following one case; it receives news only once confirmed.

    The email is stored normalised (`campaigns.supporters.emails.normalise_email`), so that
    "Ana@Mail.kz" and "ana@mail.kz" are one follower of a case, not two.
    """

    email = models.EmailField(_("email"), max_length=254)
    case = models.ForeignKey(
        CasePage, on_delete=models.CASCADE, related_name="follows", verbose_name=_("case")
    )
    language = models.CharField(
        _("language"),
        max_length=8,
        blank=True,
        help_text=_("The language of the page it was asked on; its emails are in it."),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now, db_index=True)
    confirmation_sent_at = models.DateTimeField(_("confirmation sent"), null=True, blank=True)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    unsubscribed_at = models.DateTimeField(_("unsubscribed"), null=True, blank=True)
    last_notified_update_id = models.BigIntegerField(
        _("last update sent"),
        null=True,
        blank=True,
        help_text=_("Updates with a higher id are news for this follower."),
    )

    class Meta:
        verbose_name = _("case follow")
        verbose_name_plural = _("case follows")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["email", "case"], name="unique_follow_per_case")
        ]

    def __str__(self):
        # No address here: this string can end up in logs and admin messages.
        return f"Follow #{self.pk} of case {self.case_id}"

    def save(self, *args, **kwargs):
        self.email = normalise_email(self.email)
        super().save(*args, **kwargs)

    @property
    def is_active(self):
        return self.confirmed_at is not None and self.unsubscribed_at is None
