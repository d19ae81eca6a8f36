"""One email normaliser for every supporter's address (signatures, follows), and the
migration that normalised the follows stored before."""

import datetime
import importlib
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.core.cache import cache
from django.db import connection
from django.utils import timezone

from campaigns.actions import signing
from campaigns.follows import notify
from campaigns.models import Follow, Signature
from campaigns.supporters.emails import normalise_email

from ..actions.factories import ActionIndexPageFactory, ActionPageFactory
from ..cases.factories import CaseIndexPageFactory, CasePageFactory
from ..follows.factories import FollowFactory

migration = importlib.import_module("campaigns.migrations.0011_normalise_follow_emails")
NOW = timezone.now()


@pytest.mark.parametrize(
    ("address", "expected"),
    [
        ("ana@mail.kz", "ana@mail.kz"),
        ("  Ana.Petrova@Mail.KZ \n", "ana.petrova@mail.kz"),
        ("АНА@Почта.РФ", "ана@почта.рф"),
        ("reader@Exämple.org", "reader@exämple.org"),
        ("Straße@example.de", "straße@example.de"),  # lower(), not casefold(): no "ss"
        ("", ""),
        (None, ""),
    ],
)
def test_the_whole_address_is_trimmed_and_lower_cased(address, expected):
    assert normalise_email(address) == expected


@pytest.fixture
def case(home_page):
    return CasePageFactory(parent=CaseIndexPageFactory(parent=home_page))


@pytest.fixture
def petition(home_page):
    return ActionPageFactory(parent=ActionIndexPageFactory(parent=home_page))


def test_a_follow_in_another_letter_case_is_the_same_follower(case):
    cache.clear()
    notify.request_follow("Reader@Example.org", case)
    notify.request_follow("reader@example.ORG", case)
    assert list(Follow.objects.values_list("email", flat=True)) == ["reader@example.org"]
    other_case = CasePageFactory(parent=case.get_parent())
    FollowFactory(email=" READER@example.org ", case=other_case)
    assert set(Follow.objects.values_list("email", flat=True)) == {"reader@example.org"}


def test_a_signature_in_another_letter_case_is_the_same_signer(petition):
    data = {"name": "Ana", "country": "KZ"}
    signing.sign(petition, {**data, "email": "Ana@Mail.KZ"})
    signing.sign(petition, {**data, "email": "ana@mail.kz "})
    assert list(Signature.objects.values_list("email", flat=True)) == ["ana@mail.kz"]


# --- the migration ------------------------------------------------------------------------


def run_migration():
    migration.normalise_follow_emails(apps, SimpleNamespace(connection=connection))


def add(case, email, created_hours_ago, confirmed_hours_ago=None, unsubscribed=False):
    """A follow as the old code stored it: bulk_create skips today's normalising save()."""
    (follow,) = Follow.objects.bulk_create(
        [
            Follow(
                email=email,
                case=case,
                created_at=NOW - datetime.timedelta(hours=created_hours_ago),
                confirmed_at=(
                    None
                    if confirmed_hours_ago is None
                    else NOW - datetime.timedelta(hours=confirmed_hours_ago)
                ),
                unsubscribed_at=NOW if unsubscribed else None,
            )
        ]
    )
    return follow.pk


def emails_by_pk():
    return dict(Follow.objects.values_list("pk", "email"))


def test_migration_lower_cases_the_local_part_too(case):
    first = add(case, "Reader@example.org", 5, 4)
    second = add(case, "other@example.org", 5)
    run_migration()
    assert emails_by_pk() == {first: "reader@example.org", second: "other@example.org"}


def test_migration_keeps_the_earliest_confirmed_of_duplicates(case):
    add(case, "reader@example.org", 30)  # the oldest, never confirmed
    add(case, "Reader@example.org", 20, 10)
    earliest = add(case, "READER@example.org", 25, 15)
    run_migration()
    assert emails_by_pk() == {earliest: "reader@example.org"}


def test_migration_keeps_the_oldest_when_none_is_confirmed(case):
    add(case, "reader@example.org", 10)
    oldest = add(case, "Reader@Example.org", 20)
    add(case, "READER@EXAMPLE.ORG", 15)
    run_migration()
    assert emails_by_pk() == {oldest: "reader@example.org"}


def test_migration_merges_only_within_a_case(case):
    other_case = CasePageFactory(parent=case.get_parent())
    here = add(case, "Reader@example.org", 5)
    there = add(other_case, "reader@example.org", 5)
    run_migration()
    assert emails_by_pk() == {here: "reader@example.org", there: "reader@example.org"}


def test_migration_twice_changes_nothing_more(case):
    kept = add(case, "Reader@example.org", 5, 1)
    add(case, "reader@example.org", 6)
    run_migration()
    run_migration()
    assert emails_by_pk() == {kept: "reader@example.org"}


def test_migration_is_reversible_as_a_no_op():
    (operation,) = migration.Migration.operations
    assert operation.reversible
    assert operation.reverse_code is operation.noop
