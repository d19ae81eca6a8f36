"""Test data for actions: the index, petitions and letters, signatures."""

import datetime

import factory
import wagtail_factories
from django.utils import timezone

from campaigns.actions.blocks import ActionListBlock
from campaigns.actions.models import (
    ActionIndexPage,
    ActionKind,
    ActionPage,
    ActionTally,
    Signature,
)

NOW = timezone.now()  # one moment for the run, as the tests that compare times take it


class ActionListBlockFactory(wagtail_factories.StructBlockFactory):
    heading = ""
    kind = ""
    limit = 6

    class Meta:
        model = ActionListBlock


class ActionIndexPageFactory(wagtail_factories.PageFactory):
    title = "Act"
    slug = "act"
    intro = "Sign, write, share."

    class Meta:
        model = ActionIndexPage


class ActionPageFactory(wagtail_factories.PageFactory):
    """A petition, unless given `kind=ActionKind.LETTER` (and then a `letter_template`)."""

    title = factory.Sequence(lambda n: f"Free the prisoners {n}")
    kind = ActionKind.PETITION
    target = "The President of Kazakhstan"
    ask = "Release everyone jailed for what they said."

    class Meta:
        model = ActionPage


class SignatureFactory(factory.django.DjangoModelFactory):
    """A signature of `action`; it counts only with a `confirmed_at` (and a tally row)."""

    email = factory.Sequence(lambda n: f"signer{n}@example.org")
    name = factory.Sequence(lambda n: f"Signer {n}")

    class Meta:
        model = Signature


def add_signatures(action, count, confirmed=True, start=0, **fields):
    """`count` signatures of `action` from Kazakhstan, signed an hour apart and confirmed an
    hour later, stored at once; the confirmed ones are added to the tally.

    Signer n is "Signer n" <signer{n}-{action.pk}@example.org>, n counting from `start`.
    """
    rows = Signature.objects.bulk_create(
        SignatureFactory.build(
            action=action,
            email=f"signer{n}-{action.pk}@example.org",
            name=f"Signer {n}",
            country="KZ",
            created_at=NOW - datetime.timedelta(hours=n + 1),
            confirmed_at=(NOW - datetime.timedelta(hours=n)) if confirmed else None,
            **fields,
        )
        for n in range(start, start + count)
    )
    if confirmed:
        ActionTally.add(action.pk, "signatures", count)
    return rows
