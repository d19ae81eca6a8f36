"""How long petition signatures are kept (campaigns.supporters.retention).

- an unconfirmed signature goes once it is older than the period (its link expired long
  before: SIGNATURE_CONFIRM_MAX_AGE);
- a confirmed signature stays while its petition is open, since the signatures are what is
  delivered to the petition's target, and goes once the petition's deadline is older than
  the period. A petition without a deadline keeps its signatures until a deadline is set
  (closing it) or the petition is deleted.
Deleting old signatures never changes a petition's count (`ActionTally`): the public number
is how many people signed, not how many rows we still hold.
"""

from django.utils.translation import gettext_lazy as _

from campaigns.supporters.retention import register_purger

from .models import Signature


@register_purger(_("unconfirmed signatures"), order=60)
def unconfirmed_signatures(cutoff):
    return Signature.objects.filter(confirmed_at__isnull=True, created_at__lt=cutoff).delete()[0]


@register_purger(_("signatures of petitions closed before the period"), order=70)
def closed_petition_signatures(cutoff):
    """Confirmed signatures of petitions whose deadline passed before the cut-off."""
    return Signature.objects.filter(
        confirmed_at__isnull=False, action__deadline__lt=cutoff
    ).delete()[0]
