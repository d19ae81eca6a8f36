"""Moderating readers' comments in the Wagtail admin.

Comments arrive from the public site. In the admin, moderators approve, reject or mark them
as spam (one at a time from the listing or the edit view, or in bulk); other staff given the
"view" permission can read them but not decide on them, and never see the sender's email.
"""

from typing import NamedTuple

from django import forms
from django.contrib.auth import get_permission_codename, get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models import Case, IntegerField, Q, Value, When
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.defaultfilters import linebreaksbr
from django.urls import path, reverse
from django.utils.functional import cached_property, classproperty
from django.utils.html import format_html
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy
from django.views.generic import View
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import FieldPanel
from wagtail.admin.site_summary import SummaryItem
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import (
    BulkActionsCheckboxColumn,
    Column,
    DateColumn,
    NumberColumn,
    StatusTagColumn,
    TitleColumn,
)
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.widgets import Button, ListingButton
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.bulk_actions.delete import DeleteBulkAction
from wagtail.snippets.bulk_actions.snippet_bulk_action import SnippetBulkAction
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views import snippets as snippet_views

from .comments import BlogComment, CommentStatus

EXCERPT_CHARS = 120
NOTHING = "—"
SEARCH_FIELDS = ["body", "author_name"]  # never the email: searching it would reveal it


class Decision(NamedTuple):
    """A moderator's verdict on a comment, with every word the admin says about it."""

    status: str
    action_type: str
    label: str
    row_label: str  # names the comment for screen readers
    bulk_label: str
    done: str
    done_count: str
    question: str
    confirm: str
    priority: int  # before Wagtail's Edit (10) and Delete (20, 30 in bulk)


APPROVE = Decision(
    status=CommentStatus.APPROVED,
    action_type="approve",
    label=_("Approve"),
    row_label=_("Approve the comment by %(name)s"),
    bulk_label=_("Approve selected comments"),
    done=_("Approved the comment by %(name)s."),
    done_count=ngettext_lazy(
        "%(count)d comment approved.", "%(count)d comments approved.", "count"
    ),
    question=ngettext_lazy(
        "Approve this comment? It will be shown on the post.",
        "Approve these %(count)d comments? They will be shown on their posts.",
        "count",
    ),
    confirm=_("Yes, approve"),
    priority=5,
)
REJECT = Decision(
    status=CommentStatus.REJECTED,
    action_type="reject",
    label=_("Reject"),
    row_label=_("Reject the comment by %(name)s"),
    bulk_label=_("Reject selected comments"),
    done=_("Rejected the comment by %(name)s."),
    done_count=ngettext_lazy(
        "%(count)d comment rejected.", "%(count)d comments rejected.", "count"
    ),
    question=ngettext_lazy(
        "Reject this comment? It will not be shown.",
        "Reject these %(count)d comments? They will not be shown.",
        "count",
    ),
    confirm=_("Yes, reject"),
    priority=6,
)
SPAM = Decision(
    status=CommentStatus.SPAM,
    action_type="spam",
    label=_("Mark as spam"),
    row_label=_("Mark the comment by %(name)s as spam"),
    bulk_label=_("Mark selected comments as spam"),
    done=_("Marked the comment by %(name)s as spam."),
    done_count=ngettext_lazy(
        "%(count)d comment marked as spam.", "%(count)d comments marked as spam.", "count"
    ),
    question=ngettext_lazy(
        "Mark this comment as spam? It will not be shown.",
        "Mark these %(count)d comments as spam? They will not be shown.",
        "count",
    ),
    confirm=_("Yes, mark as spam"),
    priority=7,
)
DECISIONS = [APPROVE, REJECT, SPAM]


# --- who may do what --------------------------------------------------------------------


class CommentPermissionPolicy(ModelPermissionPolicy):
    """Comments come from readers, so nobody adds them in the admin, and the only change the
    admin makes to one is a moderation decision: "change" therefore needs the moderate
    permission, and Django's own add/change permissions for comments grant nothing."""

    actions_needing_moderate = {"change", "moderate"}

    def _permission_action(self, action):
        return "moderate" if action in self.actions_needing_moderate else action

    def user_has_permission(self, user, action):
        if action == "add":
            return False
        return super().user_has_permission(user, self._permission_action(action))

    def users_with_any_permission(self, actions):
        actions = {self._permission_action(action) for action in actions if action != "add"}
        if not actions:
            return get_user_model().objects.none()
        return super().users_with_any_permission(actions)


comment_permission_policy = CommentPermissionPolicy(BlogComment)


def can_moderate(user):
    return comment_permission_policy.user_has_permission(user, "moderate")


# --- the listing ------------------------------------------------------------------------


class CommentFilterSet(WagtailFilterSet):
    class Meta:
        model = BlogComment
        fields = ["status"]


def search_comments(comments, query):
    """The listing's search, also used when a bulk action applies to "all in listing"."""
    condition = Q()
    for field in SEARCH_FIELDS:
        condition |= Q(**{f"{field}__icontains": query})
    return comments.filter(condition)


def moderation_buttons(comment, url_name, button_class):
    """A POST button for each decision that would change the comment's status."""
    return [
        button_class(
            decision.label,
            attrs={
                "data-controller": "w-action",
                "data-action": "w-action#post",
                "data-w-action-url-value": reverse(
                    url_name, args=(comment.pk, decision.action_type)
                ),
                "aria-label": decision.row_label % {"name": comment.author_name},
            },
            priority=decision.priority,
        )
        for decision in DECISIONS
        if comment.status != decision.status
    ]


class CommentExcerptColumn(TitleColumn):
    def __init__(self, *args, **kwargs):
        kwargs["sort_key"] = None  # alphabetical order of comment texts helps nobody
        super().__init__(*args, **kwargs)

    def get_value(self, comment):
        return Truncator(comment.body).chars(EXCERPT_CHARS)


class PostColumn(Column):
    """The post's title, linking to its edit page (which checks page permissions itself)."""

    def get_value(self, comment):
        url = reverse("wagtailadmin_pages:edit", args=(comment.post_id,))
        return format_html('<a href="{}">{}</a>', url, comment.post.title)


class CommentIndexView(snippet_views.IndexView):
    moderate_url_name = None

    @cached_property
    def can_moderate(self):
        return self.user_has_permission("moderate")

    @cached_property
    def columns(self):
        columns = [
            self._get_title_column("body", column_class=CommentExcerptColumn),
            PostColumn("post", label=_("Post")),
            Column("author_name", label=_("Name"), sort_key="author_name"),
        ]
        if self.can_moderate:
            # Supporter data: only for the people who decide on comments.
            columns.insert(0, BulkActionsCheckboxColumn("bulk_actions", obj_type="snippet"))
            columns.append(Column("email", label=_("Email")))
        columns += [
            StatusTagColumn(
                "get_status_display",
                label=_("Status"),
                sort_key="status",
                primary=lambda comment: comment.status == CommentStatus.PENDING,
            ),
            DateColumn("created_at", label=_("Posted"), sort_key="created_at"),
            NumberColumn("link_count", label=_("Links"), sort_key="link_count"),
        ]
        return columns

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if self.can_moderate:
            buttons += moderation_buttons(instance, self.moderate_url_name, ListingButton)
        return buttons

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_moderate"] = self.can_moderate
        return context


class ReadOnlyPanel(FieldPanel):
    """Context for the moderator's decision: shown, never edited, line breaks kept."""

    def __init__(self, field_name, **kwargs):
        kwargs.setdefault("read_only", True)
        kwargs.setdefault("disable_comments", True)
        super().__init__(field_name, **kwargs)

    def format_value_for_display(self, value):
        if value is None or value == "":
            return NOTHING
        return linebreaksbr(super().format_value_for_display(value), autoescape=True)


class CommentEditView(snippet_views.EditView):
    """Review one comment in full and change its status; the rest is read-only."""

    def save_instance(self):
        comment = self.form.instance
        if "status" in self.form.changed_data:
            comment.moderate(comment.status, self.request.user)
        return comment


class CommentInspectView(snippet_views.InspectView):
    moderate_url_name = None

    @cached_property
    def can_moderate(self):
        return self.user_has_permission("moderate")

    def get_field_display_value(self, field_name, field):
        value = super().get_field_display_value(field_name, field)
        return NOTHING if value is None or value == "" else value

    def get_fields(self):
        fields = super().get_fields()
        if not self.can_moderate:
            fields = [field for field in fields if field != "email"]
        return fields

    @cached_property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        if self.can_moderate:
            buttons += moderation_buttons(self.object, self.moderate_url_name, Button)
        return buttons


class ModerateCommentView(PermissionCheckedMixin, View):
    """Record one decision on one comment (POST from the listing or inspect view)."""

    model = BlogComment
    permission_required = "moderate"
    http_method_names = ["post"]
    index_url_name = None

    def post(self, request, pk, action_type):
        decision = next((d for d in DECISIONS if d.action_type == action_type), None)
        if decision is None:
            raise Http404
        comment = get_object_or_404(BlogComment, pk=pk)
        comment.moderate(decision.status, request.user)
        messages.success(request, decision.done % {"name": comment.author_name})
        return redirect(get_valid_next_url_from_request(request) or reverse(self.index_url_name))


class BlogCommentViewSet(snippet_views.SnippetViewSet):
    """Comments: their own menu item, newest first with those awaiting moderation on top."""

    model = BlogComment
    icon = "comment"
    menu_label = _("Comments")
    menu_name = "comments"
    menu_order = 450  # just before Snippets (500)
    add_to_admin_menu = True
    url_prefix = "comments"
    # A comment belongs to its post, not the other way round: keep posts' usage counts clean.
    add_to_reference_index = False
    copy_view_enabled = False
    inspect_view_enabled = True
    index_view_class = CommentIndexView
    edit_view_class = CommentEditView
    inspect_view_class = CommentInspectView
    index_template_name = "campaigns/admin/comment_index.html"
    filterset_class = CommentFilterSet
    search_fields = SEARCH_FIELDS
    search_backend_name = None
    list_per_page = 50
    ordering = ["awaiting_moderation", "-created_at", "-pk"]
    inspect_view_fields = [
        "post",
        "parent",
        "author_name",
        "email",
        "body",
        "status",
        "created_at",
        "link_count",
        "moderated_by",
        "moderated_at",
    ]
    panels = [
        ReadOnlyPanel("post"),
        ReadOnlyPanel("parent"),
        ReadOnlyPanel("author_name"),
        ReadOnlyPanel("email"),
        ReadOnlyPanel("body"),
        ReadOnlyPanel("link_count"),
        FieldPanel("status", widget=forms.RadioSelect, disable_comments=True),
    ]

    def get_queryset(self, request):
        pending_first = Case(
            When(status=CommentStatus.PENDING, then=Value(0)),
            default=Value(1),
            output_field=IntegerField(),
        )
        return (
            BlogComment.objects.select_related("post")
            .defer("post__body")
            .alias(awaiting_moderation=pending_first)
        )

    def get_common_view_kwargs(self, **kwargs):
        return super().get_common_view_kwargs(
            moderate_url_name=self.get_url_name("moderate"), **kwargs
        )

    @property
    def moderate_view(self):
        return self.construct_view(ModerateCommentView)

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path(
                "moderate/<int:pk>/<slug:action_type>/",
                self.moderate_view,
                name="moderate",
            ),
        ]

    def get_permissions_to_register(self):
        # Offer only the permissions that mean something for comments (see the policy).
        unused = [get_permission_codename(action, self.model_opts) for action in ("add", "change")]
        return super().get_permissions_to_register().exclude(codename__in=unused)


def pending_listing_url():
    url = reverse(BlogComment.snippet_viewset.get_url_name("list"))
    return f"{url}?status={CommentStatus.PENDING}"


# --- bulk actions -----------------------------------------------------------------------


class CommentBulkActionMixin:
    models = [BlogComment]

    def get_all_objects_in_listing_query(self, parent_id):
        """Selecting "all in listing" means the filtered, searched listing, not every comment."""
        comments = CommentFilterSet(
            data=self.request.GET, queryset=BlogComment.objects.all(), request=self.request
        ).qs
        if query := self.request.GET.get("q", "").strip():
            comments = search_comments(comments, query)
        return comments.values_list("pk", flat=True)


class ModerateCommentsBulkAction(CommentBulkActionMixin, SnippetBulkAction):
    """Apply one decision to the selected comments; subclasses say which."""

    decision: Decision
    template_name = "campaigns/admin/confirm_bulk_moderate.html"

    @classproperty
    def display_name(cls):
        return cls.decision.label

    @classproperty
    def action_type(cls):
        return cls.decision.action_type

    @classproperty
    def aria_label(cls):
        return cls.decision.bulk_label

    @classproperty
    def action_priority(cls):
        return cls.decision.priority

    def dispatch(self, request, *args, **kwargs):
        if not can_moderate(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def check_perm(self, comment):
        return can_moderate(self.request.user)

    def get_execution_context(self):
        return {**super().get_execution_context(), "user": self.request.user}

    @classmethod
    def execute_action(cls, objects, user=None, **kwargs):
        for comment in objects:
            comment.moderate(cls.decision.status, user)
        return len(objects), 0

    def get_success_message(self, num_parent_objects, num_child_objects):
        return self.decision.done_count % {"count": num_parent_objects}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        count = len(context["items"])
        context.update(
            decision=self.decision,
            question=self.decision.question % {"count": count},
        )
        return context


class ApproveCommentsBulkAction(ModerateCommentsBulkAction):
    decision = APPROVE


class RejectCommentsBulkAction(ModerateCommentsBulkAction):
    decision = REJECT


class SpamCommentsBulkAction(ModerateCommentsBulkAction):
    decision = SPAM


class DeleteCommentsBulkAction(CommentBulkActionMixin, DeleteBulkAction):
    """Wagtail's snippet delete, limited to the filtered listing when "all" is selected."""


# --- dashboard --------------------------------------------------------------------------


def pending_comment_count(request):
    """One query per request, however many dashboard items show the number."""
    if not hasattr(request, "_pending_comment_count"):
        request._pending_comment_count = BlogComment.objects.filter(
            status=CommentStatus.PENDING
        ).count()
    return request._pending_comment_count


class PendingCommentsPanel(Component):
    name = "pending_comments"
    template_name = "campaigns/admin/pending_comments_panel.html"
    order = 150  # above Wagtail's workflow and recent-edits panels

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context):
        return {"count": pending_comment_count(self.request), "url": pending_listing_url()}


class PendingCommentsSummaryItem(SummaryItem):
    order = 400
    template_name = "campaigns/admin/pending_comments_summary.html"

    def is_shown(self):
        return can_moderate(self.request.user)

    def get_context_data(self, parent_context):
        return {"count": pending_comment_count(self.request), "url": pending_listing_url()}


# --- registration -------------------------------------------------------------------------

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
