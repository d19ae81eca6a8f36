"""Live counts through the edge cache: the pages that show an action's count are purged
within COUNT_PURGE_SECONDS of a confirmed signature or a counted letter, and at most twice
per COUNT_PURGE_SECONDS and action, however many sign.

Counts render inline in every page, so a page stays whole in any HTTP cache or CDN. When
a count changes (after its transaction commits), `counts_changed` opens a window:

- the first change of a window purges now (`edge:counts:<action>`, held for the window);
- the first change after it, while that window is held, queues one trailing purge for
  the end of its own window (`edge:counts-pending:<action>`, held as long): every change
  until then is covered by it, and any change after both have lapsed opens a new window.

So a flood costs two purges per window, and every count is fresh within the window plus
the wait for the worker (`manage.py email_worker`, which polls every second: see
`FRESH_WITHIN`); the worker takes the purge before any email waiting beside it (its
priority), but not in the middle of one it is sending (at most EMAIL_TIMEOUT).

The windows are claimed in the shared cache (Redis), so that every app server shares them.
While it cannot be reached, each process keeps its own windows instead: counts stay
fresh, and a flood costs at most two purges per window per process, never one per
signature. A stopped worker delays the trailing purge only: the next window's first
change purges again, and a page expires after PAGE_CACHE_SECONDS anyway.
"""

import datetime
import logging
import threading
import time
from functools import partial

from django.apps import apps
from django.core.cache import cache
from django.db import transaction
from django.tasks import task
from django.utils import timezone
from wagtail.models import Page

from home.cache_backend import CacheUnavailable, strict

from . import purge

logger = logging.getLogger(__name__)

# The promise to campaigners: a count moves on every cached page within this many seconds.
COUNT_PURGE_SECONDS = 5
# db_worker's default --interval (deploy/campaigns-email-worker.service keeps it): how long
# a due purge may wait for the worker to look again.
WORKER_POLL_SECONDS = 1
FRESH_WITHIN = COUNT_PURGE_SECONDS + WORKER_POLL_SECONDS
# Before the email in the queue: a newsletter queues thousands (priorities run -100..100).
PURGE_PRIORITY = 50
# Pages that show some action's count without naming it: the home page (the most-needed
# action, open actions, the live counters of every campaign) and the action indexes.
COUNT_LISTINGS = ("home.HomePage", "campaigns.ActionIndexPage")


class Windows:
    """Keys claimed for a number of seconds: in the shared cache, or, while it is down, in
    this process (see the module's docstring). `clock` is for the tests."""

    def __init__(self, clock=time.monotonic):
        self.clock = clock
        self.held_until = {}
        self.lock = threading.Lock()

    def claim(self, key, seconds):
        """True for the first caller while `key` is not held (it then is, for `seconds`)."""
        try:
            return bool(strict(cache).add(key, 1, seconds))
        except CacheUnavailable:
            return self.claim_here(key, seconds)

    def claim_here(self, key, seconds):
        now = self.clock()
        with self.lock:
            self.held_until = {k: until for k, until in self.held_until.items() if until > now}
            if key in self.held_until:
                return False
            self.held_until[key] = now + seconds
            return True


windows = Windows()


def counts_changed(action_id):
    """A count of the action with this id (the page it is counted against) changed: purge
    the pages that show it, now or at the end of the window, once the change commits."""
    if purge.enabled():
        transaction.on_commit(partial(debounce, action_id), robust=True)


def debounce(action_id):
    """Run once the change has committed: a purge earlier could let a reader's request put
    the old count back in the cache."""
    if windows.claim(f"edge:counts:{action_id}", COUNT_PURGE_SECONDS):
        purge_counts(action_id)
    elif windows.claim(f"edge:counts-pending:{action_id}", COUNT_PURGE_SECONDS):
        run_after = timezone.now() + datetime.timedelta(seconds=COUNT_PURGE_SECONDS)
        try:
            purge_counts_later.using(run_after=run_after).enqueue(action_id)
        except Exception:  # a broken queue must not fail the signature that was counted
            logger.exception(
                "Edge cache: could not queue the purge of action %s's count", action_id
            )


@task(backend="email", queue_name="email", priority=PURGE_PRIORITY)
def purge_counts_later(action_id):
    """The trailing purge of a window (see the module's docstring)."""
    purge_counts(action_id)


def purge_counts(action_id):
    """Purge the pages showing the action's count, at once, over one connection per cache."""
    batch = purge.EdgeBatch()
    add_counted_pages(batch, action_id)
    batch.purge()


def add_counted_pages(batch, action_id):
    """Every page that shows the action's count, in every language: the action itself
    (and its thank-you step), the pages that name it or that it names (a teaser or a live
    counter choosing it, its campaign, the cases it is about, which list it under "Take
    action"), the home pages and the action indexes."""
    key = Page.objects.filter(pk=action_id).values("translation_key")
    translations = list(Page.objects.filter(translation_key__in=key).specific())
    related = purge.related_pages(translations).values("translation_key")
    listings = [apps.get_model(label) for label in COUNT_LISTINGS]
    pages = Page.objects.filter(translation_key__in=related) | Page.objects.live().type(*listings)
    batch.add_pages(translations)
    batch.add_pages(pages.distinct().specific())
