"""The campaigns app in the Wagtail admin: comments, outgoing email, signatures, followers,
roles, dashboard panels and page listings."""

from wagtail import hooks
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

# These register their own hooks on import: roles (who sees form submissions), dashboard
# panels (contact messages, cases to re-check), page listings (Cases, Actions), followers.
from campaigns import admin_panels, follow_admin, page_listings, role_hooks  # noqa: F401, I001
from campaigns.admin_views import (
    ApproveCommentsBulkAction,
    BlogCommentViewSet,
    DeleteCommentsBulkAction,
    PendingCommentsPanel,
    PendingCommentsSummaryItem,
    RejectCommentsBulkAction,
    SpamCommentsBulkAction,
    can_moderate,
    comment_permission_policy,
)
from campaigns.mail_admin import register_mail_admin
from campaigns.models import BlogComment
from campaigns.signature_admin import register_signature_admin

# Before the viewset is registered, or Wagtail would create its default policy for comments.
register_permission_policy(BlogComment, comment_permission_policy)
register_snippet(BlogCommentViewSet)

for bulk_action in (ApproveCommentsBulkAction, RejectCommentsBulkAction, SpamCommentsBulkAction):
    hooks.register("register_bulk_action", bulk_action)
# After wagtail.snippets registers its own delete action, so this one wins for comments.
hooks.register("register_bulk_action", DeleteCommentsBulkAction, order=1)


@hooks.register("construct_homepage_panels")
def add_pending_comments_panel(request, panels):
    if can_moderate(request.user):
        panels.append(PendingCommentsPanel(request))


@hooks.register("construct_homepage_summary_items")
def add_pending_comments_summary_item(request, summary_items):
    summary_items.append(PendingCommentsSummaryItem(request))


# Outgoing email (campaigns.mail_admin): the queue, failures and "retry", for admins.
register_mail_admin()

# Petition signatures (campaigns.signature_admin): listing, CSV export, deletion on request,
# and the dashboard's petition counts; all gated by the permissions on Signature.
register_signature_admin()
