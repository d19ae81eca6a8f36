"""Petition signatures for the people who handle supporters' data.

Reading, exporting and deleting signatures happens in the Wagtail admin
(`campaigns.actions.admin`); the rules live here, apart from the views.

- Deleting a signature (a supporter asked us to) takes one from the petition's count if
  that signature was counted, in the same transaction, by an UPDATE that never takes the
  count below zero. The signature's row is locked first, so a confirmation arriving at the
  same moment is counted either before the deletion (and taken off again) or not at all.
- The purge of old data (`campaigns.supporters.retention`) deletes signatures without touching the
  count: the public number is how many signed, not how many rows we still hold.
- The export holds only confirmed signatures of one petition, written row by row as the
  database yields them by the one export of supporters' data
  (`campaigns.supporters.exports`), every cell safe to open in a spreadsheet.
"""

from django.db import transaction
from django_countries import countries

from campaigns.supporters.exports import EXPORT_CHUNK

from .models import ActionTally, Signature

EXPORT_COLUMNS = [
    "name",
    "email",
    "country_code",
    "country_name",
    "show_name",
    "keep_informed",
    "signed_at",
    "confirmed_at",
]


def delete_signature(signature):
    """Delete one signature; if it counted, the petition's count goes down by one.

    Returns True when this call deleted it, False when it was already gone.
    """
    with transaction.atomic():
        confirmed_at = list(
            Signature.objects.select_for_update()
            .filter(pk=signature.pk)
            .values_list("confirmed_at", flat=True)
        )
        if not confirmed_at:
            return False
        Signature.objects.filter(pk=signature.pk).delete()
        if confirmed_at[0] is not None:
            ActionTally.add(signature.action_id, "signatures", -1)
    return True


def confirmed_signatures(action):
    return Signature.objects.filter(action=action, confirmed_at__isnull=False)


def export_rows(action):
    """The export's rows for one petition, confirmed signatures only, in the order of
    EXPORT_COLUMNS; `campaigns.supporters.exports` writes them."""
    rows = (
        confirmed_signatures(action)
        .order_by("confirmed_at", "pk")
        .values_list(
            "name",
            "email",
            "country",
            "show_name",
            "keep_informed",
            "created_at",
            "confirmed_at",
        )
    )
    for name, email, country, show_name, keep_informed, signed, confirmed in rows.iterator(
        chunk_size=EXPORT_CHUNK
    ):
        yield [
            name,
            email,
            country,
            str(countries.name(country)) if country else "",
            show_name,
            keep_informed,
            signed,
            confirmed,
        ]
