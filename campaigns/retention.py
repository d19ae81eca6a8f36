"""How long supporters' data is kept, and removing what is older.

Each purger removes one kind of supporter data older than a cut-off date and
returns how many records it removed or emptied. `manage.py purge_supporter_data`
runs them all; the privacy page says the same periods in words.
"""

from django.db import transaction
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.forms.models import FormSubmission


def contact_messages(cutoff):
    from campaigns.models import ContactPage

    pages = ContactPage.objects.values("pk")
    return FormSubmission.objects.filter(page__in=pages, submit_time__lt=cutoff).delete()[0]


def sent_emails(cutoff):
    from campaigns.models import OutboundEmail
    from campaigns.models.mail import EmailStatus

    # Queued mail is still on its way: only what was sent or given up on goes.
    return OutboundEmail.objects.filter(
        created_at__lt=cutoff, status__in=[EmailStatus.SENT, EmailStatus.FAILED]
    ).delete()[0]


def comment_emails(cutoff):
    from campaigns.models import BlogComment

    return BlogComment.objects.filter(created_at__lt=cutoff).exclude(email="").update(email="")


def refused_comments(cutoff):
    from campaigns.models import BlogComment, CommentStatus

    return BlogComment.objects.filter(
        created_at__lt=cutoff, status__in=[CommentStatus.REJECTED, CommentStatus.SPAM]
    ).delete()[0]


def stale_follows(cutoff):
    """Requests never confirmed, and follows ended by unsubscribing."""
    from django.db.models import Q

    from campaigns.models import Follow

    return Follow.objects.filter(
        Q(confirmed_at__isnull=True, created_at__lt=cutoff)
        | Q(unsubscribed_at__isnull=False, unsubscribed_at__lt=cutoff)
    ).delete()[0]


PURGERS = [
    (_("contact messages"), contact_messages),
    (_("sent and failed emails"), sent_emails),
    (_("rejected and spam comments"), refused_comments),
    (_("commenters' email addresses"), comment_emails),
    (_("unconfirmed and ended follows"), stale_follows),
]


def purge(cutoff, log=lambda line: None, dry_run=False):
    """Run every purger for data older than `cutoff`; return {label: count}."""
    counts = {}
    with transaction.atomic():
        for label, purger in PURGERS:
            counts[str(label)] = purger(cutoff)
            log(f"  {counts[str(label)]:>6}  {label}")
        if dry_run:
            transaction.set_rollback(True)
    return counts
