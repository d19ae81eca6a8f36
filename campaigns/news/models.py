"""Campaign news: who asked for it, the issues the team writes, and what was sent to whom.

- `NewsSubscriber`: one address that asked for the news (double opt-in), from the
  newsletter form or the petition's "keep me informed" box. Supporter data: only the
  "Supporter data" role sees it (campaigns.news.admin).
- `NewsIssue`: one issue, written in the admin from blocks, translated per language,
  previewed, approved by an editor (Wagtail's workflow publishes it) and then sent.
- `NewsDelivery`: one issue queued for one subscriber, at most once (unique constraint);
  the send report counts these, never shows their addresses.
"""

from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import (
    DraftStateMixin,
    LockableMixin,
    PreviewableMixin,
    RevisionMixin,
    TranslatableMixin,
    WorkflowMixin,
)
from wagtail_localize.fields import SynchronizedField, TranslatableField

from campaigns.landing.models import CampaignPage
from campaigns.outbox.models import OutboundEmail
from campaigns.supporters.emails import normalise_email

from .blocks import NewsBodyBlock
from .rendering import render_issue


class SubscriberStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for confirmation")
    CONFIRMED = "confirmed", _("Confirmed")
    UNSUBSCRIBED = "unsubscribed", _("Unsubscribed")
    BOUNCING = "bouncing", _("Bouncing")


class SubscriberSource(models.TextChoices):
    NEWSLETTER_FORM = "form", _("Newsletter form")
    PETITION = "petition", _("Petition")


class NewsSubscriber(models.Model):
    """An address that asked for campaign news; it is sent issues only once confirmed.

    Stored normalised (`campaigns.supporters.emails.normalise_email`): one subscriber per
    address and campaign (no campaign: all the news).
    """

    email = models.EmailField(_("email"), max_length=254)
    language = models.CharField(
        _("language"),
        max_length=8,
        blank=True,
        help_text=_("The language of the page it was asked on; its emails are in it."),
    )
    campaign = models.ForeignKey(
        CampaignPage,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("campaign"),
        help_text=_("Empty: news of every campaign."),
        # A campaign that is deleted takes its subscriptions with it: made "all news",
        # they would receive more than they asked for.
    )
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=SubscriberStatus.choices,
        default=SubscriberStatus.PENDING,
        db_index=True,
    )
    source = models.CharField(
        _("source"),
        max_length=16,
        choices=SubscriberSource.choices,
        default=SubscriberSource.NEWSLETTER_FORM,
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now, db_index=True)
    confirmation_sent_at = models.DateTimeField(_("confirmation sent"), null=True, blank=True)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    unsubscribed_at = models.DateTimeField(_("unsubscribed"), null=True, blank=True)

    class Meta:
        verbose_name = _("news subscriber")
        verbose_name_plural = _("news subscribers")
        ordering = ["-created_at", "-pk"]
        constraints = [
            # SQL treats NULLs as distinct, hence one constraint for "all the news".
            models.UniqueConstraint(
                fields=["email"],
                condition=Q(campaign__isnull=True),
                name="one_news_subscriber_per_address",
            ),
            models.UniqueConstraint(
                fields=["email", "campaign"],
                condition=Q(campaign__isnull=False),
                name="one_news_subscriber_per_address_and_campaign",
            ),
        ]
        permissions = [("export_newssubscriber", _("Can export news subscribers"))]

    def __str__(self):
        # No address: this string can end up in logs and admin messages.
        return f"News subscriber #{self.pk}"

    def save(self, *args, **kwargs):
        self.email = normalise_email(self.email)
        super().save(*args, **kwargs)

    @property
    def is_active(self):
        return self.status == SubscriberStatus.CONFIRMED


class NewsIssue(
    WorkflowMixin,
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    PreviewableMixin,
    TranslatableMixin,
    models.Model,
):
    """One issue of campaign news, as an email. Campaigners write and submit it; an
    editor's approval (the review workflow) publishes it; an editor then sends it to the
    confirmed subscribers, each in their language (this issue's live translation, else
    the English one)."""

    subject = models.CharField(
        _("subject"), max_length=150, help_text=_("The email's subject line. Short and plain.")
    )
    campaign = models.ForeignKey(
        CampaignPage,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("campaign"),
        help_text=_(
            "Leave empty to send to every subscriber; choose a campaign to send only to "
            "those who asked for all the news or for this campaign's."
        ),
        # Deleted with its campaign, rather than left to go to every subscriber.
    )
    body = StreamField(
        NewsBodyBlock(),
        verbose_name=_("body"),
        help_text=_(
            "Headings, paragraphs, the latest case updates, open actions and buttons, in the "
            "order readers see them."
        ),
    )
    sending_started_at = models.DateTimeField(_("sending started"), null=True, blank=True)

    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="newsissue")
    workflow_states = GenericRelation(
        "wagtailcore.WorkflowState",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="newsissue",
        for_concrete_model=False,
    )

    panels = [FieldPanel("subject"), FieldPanel("campaign"), FieldPanel("body")]
    # The campaign is the English issue's choice (sending reads it there): copied as it is.
    translatable_fields = [
        TranslatableField("subject"),
        TranslatableField("body"),
        SynchronizedField("campaign", overridable=False),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("news issue")
        verbose_name_plural = _("news issues")
        permissions = [("send_newsissue", _("Can send approved news issues"))]

    def __str__(self):
        return self.subject

    @property
    def revisions(self):
        return self._revisions

    # --- preview: the email as it is sent ----------------------------------------------

    preview_modes = [("html", _("Email (HTML)")), ("text", _("Email (plain text)"))]

    def get_preview_template(self, request, mode_name):
        return "campaigns/news/admin/preview.html"

    def get_preview_context(self, request, mode_name):
        # In the issue's own language, as its readers get it.
        with translation.override(self.locale.language_code):
            email = render_issue(self, unsubscribe_url="#unsubscribe")
        return {
            "issue": self,
            "email": email,
            "mode": mode_name,
            "language": self.locale.language_code,
        }


class NewsDelivery(models.Model):
    """One issue queued for one subscriber: the record that makes a second send a no-op
    and the send report's counts. The address lives only on the subscriber and on the
    outgoing email, each purged by its own rule."""

    issue = models.ForeignKey(
        NewsIssue, on_delete=models.CASCADE, related_name="deliveries", verbose_name=_("issue")
    )
    subscriber = models.ForeignKey(
        NewsSubscriber,
        on_delete=models.SET_NULL,
        null=True,
        related_name="deliveries",
        verbose_name=_("subscriber"),
    )
    email = models.ForeignKey(
        OutboundEmail,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("email"),
    )
    language = models.CharField(_("language"), max_length=8, blank=True)
    queued_at = models.DateTimeField(_("queued"), default=timezone.now)

    class Meta:
        verbose_name = _("news delivery")
        verbose_name_plural = _("news deliveries")
        constraints = [
            models.UniqueConstraint(
                fields=["issue", "subscriber"], name="one_news_delivery_per_subscriber"
            )
        ]

    def __str__(self):
        return f"Issue {self.issue_id} to subscriber {self.subscriber_id}"
