"""Fixtures of the corrections tests: a published case."""

import pytest
from django.core.cache import cache

from ..cases.factories import CaseIndexPageFactory, CasePageFactory


@pytest.fixture
def index(home_page):
    return CaseIndexPageFactory(parent=home_page)


@pytest.fixture
def case(index):
    """A published case: imprisoned, arrested 10 March 2019, no charges or updates."""
    return CasePageFactory(parent=index, person_name="Aliya K", slug="aliya-k")


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    """Each test counts its own posts: the rate limit's counters live in the cache."""
    cache.clear()
