"""A page under a review workflow goes live only through the workflow's approvals.

Wagtail lets anyone with the "publish" page permission publish directly, workflow or not:
the edit view's Publish button, bulk publish, create-and-publish, a reverted revision, a
scheduled go-live, a live copy and the admin API all ask the page's permission tester. So the
rule lives there, once: for a page that has an active workflow, `can_publish()` (and
`can_publish_subpage()` for pages created under it) is true for superusers only. Everyone
else submits; the final approval publishes (home.publishing.publish_approved, set as
WAGTAIL_FINISH_WORKFLOW_ACTION). Editors keep what takes a page *down* or hides it:
unpublish, unschedule and privacy settings, which Wagtail also ties to "publish".

Superusers keep a bypass for emergencies; each use is written into the page's history as
"Published without review" (`record_review_bypass`).
"""

from django.db.models.signals import post_save
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import LogFormatter
from wagtail.models import PageLogEntry, PagePermissionTester

from home.publishing import publishing_approved_by_workflow

PUBLISHED_WITHOUT_REVIEW = "home.publish_without_review"
PUBLISH_ACTIONS = {"wagtail.publish", "wagtail.publish.schedule"}


class ReviewedPagePermissionTester(PagePermissionTester):
    """Wagtail's tester, less direct publishing of pages that a workflow reviews."""

    @cached_property
    def review_required(self):
        return not self.user.is_superuser and self.page.has_workflow

    def can_publish(self):
        return super().can_publish() and not self.review_required

    def can_publish_subpage(self):
        # A page created here inherits this page's workflow.
        return super().can_publish_subpage() and not self.review_required

    # Taking a page down or hiding it needs no review: keep Wagtail's "publish" rule.
    def can_set_view_restrictions(self):
        return super().can_publish()

    def can_unschedule(self):
        return super().can_publish()


def record_review_bypass(sender, instance, created, raw=False, **kwargs):
    """Note in the page's history when a superuser published past its workflow."""
    if not created or raw or instance.action not in PUBLISH_ACTIONS:
        return
    if (
        publishing_approved_by_workflow()
        or instance.user is None
        or not instance.user.is_superuser
    ):
        return
    page = instance.page
    if page is None or not page.has_workflow:
        return
    PageLogEntry.objects.log_action(
        instance=page.specific_deferred,
        action=PUBLISHED_WITHOUT_REVIEW,
        user=instance.user,
        revision=instance.revision,
        uuid=instance.uuid,
        data={"workflow": page.get_workflow().name},
    )


def connect_signals():
    post_save.connect(
        record_review_bypass, sender=PageLogEntry, dispatch_uid="home.record_review_bypass"
    )


class PublishedWithoutReview(LogFormatter):
    label = _("Published without review")

    def format_message(self, log_entry):
        return _("Published by a superuser without the approvals of “%(workflow)s”") % {
            "workflow": log_entry.data.get("workflow", "")
        }
