"""An action's count moves up and down in one place: `ActionTally.add`."""

import pytest
from django.core.cache import cache

from campaigns.actions import signatures, signing
from campaigns.models import ActionKind, ActionTally, Signature

from .factories import ActionIndexPageFactory, ActionPageFactory


@pytest.fixture
def act(home_page):
    cache.clear()
    return ActionIndexPageFactory(parent=home_page)


@pytest.fixture
def petition(act):
    return ActionPageFactory(parent=act)


@pytest.fixture
def letter(act):
    return ActionPageFactory(parent=act, kind=ActionKind.LETTER, letter_template="Dear sir")


def counts(action):
    return tuple(
        ActionTally.objects.filter(pk=action.pk).values_list("signatures", "letters").first() or ()
    )


def test_adding_creates_the_tally_and_counts_each_counter_apart(petition):
    assert counts(petition) == ()
    ActionTally.add(petition.pk, "signatures")
    assert counts(petition) == (1, 0)
    ActionTally.add(petition.pk, "signatures", 4)
    ActionTally.add(petition.pk, "letters", 2)
    assert counts(petition) == (5, 2)


def test_taking_off_never_goes_below_zero(petition):
    ActionTally.add(petition.pk, "signatures", 2)
    ActionTally.add(petition.pk, "signatures", -1)
    assert counts(petition) == (1, 0)
    ActionTally.add(petition.pk, "signatures", -1)
    ActionTally.add(petition.pk, "signatures", -1)
    ActionTally.add(petition.pk, "signatures", -5)
    assert counts(petition) == (0, 0)


def test_taking_off_a_missing_tally_creates_none(petition):
    ActionTally.add(petition.pk, "signatures", -1)
    ActionTally.add(petition.pk, "letters", 0)
    assert counts(petition) == ()


def test_only_the_two_counters_move(petition):
    with pytest.raises(ValueError, match="signatures and letters"):
        ActionTally.add(petition.pk, "action_id", 1)


@pytest.fixture
def moves(monkeypatch):
    """Every call of ActionTally.add, as (field, amount), still counted for real."""
    calls = []
    add = ActionTally.add

    def spy(action_id, field, amount=1):
        calls.append((field, amount))
        return add(action_id, field, amount)

    monkeypatch.setattr(ActionTally, "add", spy)
    return calls


def test_confirming_reporting_and_deleting_all_move_the_count_through_add(petition, letter, moves):
    signing.sign(petition, {"email": "ana@mail.kz", "name": "Ana"})
    signature = Signature.objects.get()
    assert signing.confirm(signature) is True
    assert signing.confirm(signature) is False  # counted once
    signing.letter_sent(letter)
    assert signatures.delete_signature(signature) is True
    assert moves == [("signatures", 1), ("letters", 1), ("signatures", -1)]
    assert counts(petition) == (0, 0) and counts(letter) == (0, 1)
