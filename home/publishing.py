"""The final approval of a review workflow publishes the page (WAGTAIL_FINISH_WORKFLOW_ACTION).

Wagtail imports this while it loads its own models, so this module imports none of them.
The rest of the rule is in home/review.py.
"""

import contextvars
from contextlib import contextmanager

_approved_by_workflow = contextvars.ContextVar("approved_by_workflow", default=False)


@contextmanager
def approved_by_workflow():
    token = _approved_by_workflow.set(True)
    try:
        yield
    finally:
        _approved_by_workflow.reset(token)


def publishing_approved_by_workflow():
    return _approved_by_workflow.get()


def publish_approved(workflow_state, user=None):
    """Publish the reviewed page. The approval is the permission: the approver may not
    publish directly (home.review), so the tester's check is skipped here, and only here."""
    with approved_by_workflow():
        workflow_state.content_object.get_latest_revision().publish(
            user=user, skip_permission_checks=True
        )
