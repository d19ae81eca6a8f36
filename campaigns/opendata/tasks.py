"""Rebuilding the open-data files in the background after a case is published or withdrawn.

The task goes on the site's persistent queue (the "email" backend of settings.TASKS, a
database queue), which `manage.py email_worker` already works through
(deploy/campaigns-email-worker.service): publishing only adds a row, and a file is built
by the worker moments later. A request that finds a file out of date rebuilds it itself
(campaigns.opendata.snapshots.current), so a stopped worker delays nothing for readers.
"""

import logging

from django.db import transaction
from django.tasks import task

from .snapshots import build_all

logger = logging.getLogger(__name__)


@task(backend="email", queue_name="email")
def rebuild_open_data():
    """Rebuild the files whose data changed; unchanged ones keep their checksum and day."""
    stored, kept = build_all(only_stale=True)
    logger.info("Open data rebuilt: %d file(s) stored, %d unchanged", stored, kept)
    return stored


def enqueue_rebuild():
    """Queue a rebuild; never let a queueing failure reach the publication that asked."""
    try:
        rebuild_open_data.enqueue()
    except Exception:  # a broken queue must not undo or fail a publication
        logger.exception("Open data: could not queue a rebuild; the next download will do it")


def rebuild_after_commit():
    """Queue a rebuild once the publication's transaction has committed (its changes are
    then visible to the worker): one per transaction, however many cases it changed (a
    deleted live page is unpublished and deleted: two signals, one rebuild)."""
    pending = transaction.get_connection().run_on_commit
    if not any(callback is enqueue_rebuild for _ids, callback, _robust in pending):
        transaction.on_commit(enqueue_rebuild, robust=True)
