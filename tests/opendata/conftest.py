"""Fixtures of the open-data tests: a case index with cases, and the files they make."""

import pytest

from ..cases.factories import CaseIndexPageFactory, CasePageFactory


@pytest.fixture
def index(home_page):
    return CaseIndexPageFactory(parent=home_page)


@pytest.fixture
def make_case(index):
    def make(**fields):
        return CasePageFactory(parent=index, **fields)

    return make
