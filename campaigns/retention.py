"""How long supporters' data is kept, and removing what is older.

Each purger removes one kind of supporter data older than a cut-off date and
returns how many records it removed or emptied. `manage.py purge_supporter_data`
runs them all; the privacy page says the same periods in words.

Petition signatures follow two rules:
- an unconfirmed signature goes once it is older than the period (its link expired long
  before: SIGNATURE_CONFIRM_MAX_AGE);
- a confirmed signature stays while its petition is open, since the signatures are what is
  delivered to the petition's target, and goes once the petition's deadline is older than
  the period. A petition without a deadline keeps its signatures until a deadline is set
  (closing it) or the petition is deleted.
Deleting old signatures never changes a petition's count (`ActionTally`): the public number
is how many people signed, not how many rows we still hold.
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


def unconfirmed_signatures(cutoff):
    from campaigns.models import Signature

    return Signature.objects.filter(confirmed_at__isnull=True, created_at__lt=cutoff).delete()[0]


def closed_petition_signatures(cutoff):
    """Confirmed signatures of petitions whose deadline passed before the cut-off."""
    from campaigns.models import Signature

    return Signature.objects.filter(
        confirmed_at__isnull=False, action__deadline__lt=cutoff
    ).delete()[0]


PURGERS = [
    (_("contact messages"), contact_messages),
    (_("sent and failed emails"), sent_emails),
    (_("rejected and spam comments"), refused_comments),
    (_("commenters' email addresses"), comment_emails),
    (_("unconfirmed and ended follows"), stale_follows),
    (_("unconfirmed signatures"), unconfirmed_signatures),
    (_("signatures of petitions closed before the period"), closed_petition_signatures),
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
