"""How long sent email is kept (campaigns.supporters.retention)."""

from django.utils.translation import gettext_lazy as _

from campaigns.supporters.retention import register_purger

from .models import EmailStatus, OutboundEmail


@register_purger(_("sent and failed emails"), order=20)
def sent_emails(cutoff):
    # Queued mail is still on its way: only what was sent or given up on goes.
    return OutboundEmail.objects.filter(
        created_at__lt=cutoff, status__in=[EmailStatus.SENT, EmailStatus.FAILED]
    ).delete()[0]
