"""Follows' addresses, normalised as signatures' always were: trimmed and all in lower case.

Follows used to keep the local part's case ("Ana@mail.kz"), so the same person could follow
a case twice in two spellings. Normalising may turn such rows into duplicates under the
unique constraint (email, case); of each set the one kept is the confirmed one (the
earliest confirmed), or, if none is confirmed, the oldest. The others are deleted.
"""

from collections import defaultdict

from django.db import migrations


def normalise(address):
    # A copy of campaigns.supporters.emails.normalise_email as it was when this migration
    # was written: a migration must keep meaning what it meant, whatever the code becomes.
    return (address or "").strip().lower()


def keep_first(row):
    """Sort key: confirmed rows first, the earliest confirmed of them; then the oldest."""
    pk, _email, created_at, confirmed_at = row
    if confirmed_at is not None:
        return (0, confirmed_at, pk)
    return (1, created_at, pk)


def normalise_follow_emails(apps, schema_editor):
    Follow = apps.get_model("campaigns", "Follow")
    follows = Follow.objects.using(schema_editor.connection.alias)
    groups = defaultdict(list)
    rows = follows.order_by("pk").values_list(
        "pk", "email", "case_id", "created_at", "confirmed_at"
    )
    for pk, email, case_id, created_at, confirmed_at in rows.iterator():
        groups[(normalise(email), case_id)].append((pk, email, created_at, confirmed_at))
    for (email, _case_id), members in groups.items():
        kept, *others = sorted(members, key=keep_first)
        if others:
            # First, so that the kept row's new address clashes with none of them.
            follows.filter(pk__in=[row[0] for row in others]).delete()
        if kept[1] != email:
            follows.filter(pk=kept[0]).update(email=email)


class Migration(migrations.Migration):

    dependencies = [
        ("campaigns", "0010_casepage_is_fictional"),
    ]

    operations = [
        # Reversed, it does nothing: the old spellings are gone, and normalised addresses
        # are valid under the previous code too.
        migrations.RunPython(normalise_follow_emails, migrations.RunPython.noop),
    ]
