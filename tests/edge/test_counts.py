"""How often a count purges (campaigns.edge.counts): the first confirmation of a window
purges at once, the next queues one trailing purge for the end of its window, and the rest
of a flood nothing; the worker sends the trailing one; a cache that is down makes each
process keep its own windows, never a purge per signature.

Time is moved by ending a window the way it ends (its key gone from the cache) or by a
clock of our own for the windows kept in the process."""

import datetime

import pytest
from django.core.cache import cache
from django.test import override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from campaigns.actions.signing import confirm
from campaigns.edge.counts import COUNT_PURGE_SECONDS, PURGE_PRIORITY, Windows, debounce

from ..actions.factories import ActionIndexPageFactory, ActionPageFactory, SignatureFactory

pytestmark = pytest.mark.django_db

FLOOD = 30
# Nothing answers on the discard port: the cache is down.
DOWN = {
    "default": {
        "BACKEND": "home.cache_backend.DegradingRedisCache",
        "LOCATION": "redis://127.0.0.1:9/8",  # a breaker of its own (home.cache_backend)
        "OPTIONS": {"socket_timeout": 0.1, "socket_connect_timeout": 0.1},
    }
}


@pytest.fixture
def petition(home_page):
    return ActionPageFactory(
        parent=ActionIndexPageFactory(parent=home_page, slug="act"), slug="free-them"
    )


@pytest.fixture
def flood(petition, django_capture_on_commit_callbacks):
    """Confirm n signatures of the petition, each in its own transaction."""

    def confirm_many(n):
        signatures = [SignatureFactory(action=petition) for _ in range(n)]
        with django_capture_on_commit_callbacks(execute=True):
            for signature in signatures:
                assert confirm(signature)

    return confirm_many


def purges(recorder):
    """How many batches went out: each purges the petition's page once."""
    return [path for method, _host, path, _regex in recorder.requests if method == "PURGE"].count(
        "/act/free-them/"
    )


def queued():
    return list(DBTaskResult.objects.filter(task_path="campaigns.edge.counts.purge_counts_later"))


def end_window(petition, *names):
    for name in names:
        cache.delete(f"edge:{name}:{petition.pk}")


def run_worker():
    """The due tasks of the worker's queue, each found by its path as the worker finds it
    (the worker itself closes the test's database connection)."""
    for result in DBTaskResult.objects.ready().filter(backend_name="email", queue_name="email"):
        result.task.call(*result.args_kwargs["args"], **result.args_kwargs["kwargs"])
        result.delete()


def test_a_flood_purges_at_once_then_once_at_the_end_of_the_window(
    petition, flood, recorder, fresh_windows
):
    before = timezone.now()
    flood(FLOOD)
    assert purges(recorder) == 1
    [trailing] = queued()
    assert trailing.priority == PURGE_PRIORITY
    window = datetime.timedelta(seconds=COUNT_PURGE_SECONDS)
    assert before + window <= trailing.run_after <= timezone.now() + window
    run_worker()  # not due yet
    assert purges(recorder) == 1
    DBTaskResult.objects.update(run_after=timezone.now())  # its window has ended
    run_worker()
    assert purges(recorder) == 2


def test_within_both_windows_nothing_more_is_sent_or_queued(
    petition, flood, recorder, fresh_windows
):
    flood(2)
    flood(FLOOD)
    assert purges(recorder) == 1 and len(queued()) == 1


def test_a_change_after_the_window_purges_at_once_again(petition, flood, recorder, fresh_windows):
    flood(2)
    end_window(petition, "counts")  # the trailing purge is still to come
    flood(1)
    assert purges(recorder) == 2 and len(queued()) == 1
    end_window(petition, "counts", "counts-pending")
    flood(2)
    assert purges(recorder) == 3 and len(queued()) == 2


def test_nothing_is_claimed_or_queued_without_a_cache_to_purge(
    petition, flood, fresh_windows, django_capture_on_commit_callbacks
):
    signature = SignatureFactory(action=petition)
    with django_capture_on_commit_callbacks() as callbacks:
        confirm(signature)
    assert not [c for c in callbacks if getattr(c, "func", None) is debounce]
    assert cache.get(f"edge:counts:{petition.pk}") is None


def test_while_the_cache_is_down_the_process_keeps_the_windows(
    petition, flood, recorder, fresh_windows
):
    with override_settings(CACHES=DOWN):
        flood(FLOOD)
    assert purges(recorder) == 1 and len(queued()) == 1
    assert set(fresh_windows.held_until) == {
        f"edge:counts:{petition.pk}",
        f"edge:counts-pending:{petition.pk}",
    }


def test_windows_kept_in_the_process_end_on_time():
    now = [100.0]
    windows = Windows(clock=lambda: now[0])
    with override_settings(CACHES=DOWN):
        assert windows.claim("edge:counts:1", 5)
        assert not windows.claim("edge:counts:1", 5)
        assert windows.claim("edge:counts:2", 5)  # one window per action
        now[0] += 4.9
        assert not windows.claim("edge:counts:1", 5)
        now[0] += 0.2
        assert windows.claim("edge:counts:1", 5)
    assert set(windows.held_until) == {"edge:counts:1"}  # lapsed ones are forgotten
