"""How long refused comments and commenters' addresses are kept
(campaigns.supporters.retention)."""

from django.utils.translation import gettext_lazy as _

from campaigns.supporters.retention import register_purger

from .comments import BlogComment, CommentStatus


@register_purger(_("rejected and spam comments"), order=30)
def refused_comments(cutoff):
    return BlogComment.objects.filter(
        created_at__lt=cutoff, status__in=[CommentStatus.REJECTED, CommentStatus.SPAM]
    ).delete()[0]


@register_purger(_("commenters' email addresses"), order=40)
def comment_emails(cutoff):
    return BlogComment.objects.filter(created_at__lt=cutoff).exclude(email="").update(email="")
