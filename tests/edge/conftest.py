"""Fixtures of the edge cache's tests."""

import pytest
from django.core.cache import cache
from django.test import override_settings

from campaigns.edge.counts import windows

from .recorder import Recorder


@pytest.fixture
def recorder():
    """A recording HTTP server as the only frontend cache, for one test."""
    with Recorder() as recorder, override_settings(WAGTAILFRONTENDCACHE=recorder.settings()):
        yield recorder


@pytest.fixture
def fresh_windows():
    """No count window held from an earlier test (ids are reused after a rollback)."""
    cache.clear()
    windows.held_until.clear()
    yield windows
    cache.clear()
    windows.held_until.clear()
