"""Readers' comments on blog posts: held for moderation, plain text, one level of replies."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class CommentStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting moderation")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    SPAM = "spam", _("Spam")


class BlogComment(models.Model):
    """A reader's comment. The email is for the team only and is never shown."""

    post = models.ForeignKey(
        "campaigns.BlogPostPage",
        on_delete=models.CASCADE,
        related_name="comments",
        verbose_name=_("post"),
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="replies",
        verbose_name=_("in reply to"),
    )
    author_name = models.CharField(_("name"), max_length=80)
    email = models.EmailField(_("email (never shown)"), blank=True)
    body = models.TextField(_("comment"), max_length=3000)
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=CommentStatus.choices,
        default=CommentStatus.PENDING,
        db_index=True,
    )
    created_at = models.DateTimeField(_("posted"), default=timezone.now, db_index=True)
    link_count = models.PositiveSmallIntegerField(_("links"), default=0)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("moderated by"),
    )
    moderated_at = models.DateTimeField(_("moderated"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        permissions = [
            ("moderate_blogcomment", _("Can approve, reject and mark comments as spam"))
        ]

    def __str__(self):
        return f"{self.author_name}: {self.body[:60]}"

    def moderate(self, status, user):
        self.status = status
        self.moderated_by = user
        self.moderated_at = timezone.now()
        self.save(update_fields=["status", "moderated_by", "moderated_at"])
