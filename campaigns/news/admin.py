"""Campaign news in the Wagtail admin.

- "Campaign news" (a snippet): campaigners write issues, preview them as the email and
  submit them to the review workflow; an editor's approval publishes them. Each issue's
  "Send report" page shows counts only, and, to those who hold `campaigns.send_newsissue`
  (Editors), the button that sends an approved issue. No page here shows an address.
- "News subscribers": the addresses, for the "Supporter data" role only
  (`campaigns.view_newssubscriber`), with a CSV of the confirmed ones
  (`campaigns.export_newssubscriber`) written by the one export of supporters' data.
"""

import django_filters
from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.decorators import method_decorator
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn, StatusTagColumn
from wagtail.admin.views import generic
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets import ListingButton
from wagtail.log_actions import LogFormatter
from wagtail.models import Site
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from campaigns.supporters.admin import SupporterDataPermissionPolicy, SupporterDataViewSet
from campaigns.supporters.exports import EXPORT_CHUNK, export_response

from .models import NewsIssue, NewsSubscriber, SubscriberStatus
from .sending import SEND_ACTION, can_send, send_report, start_sending

SEND_PERMISSION = "campaigns.send_newsissue"
EXPORT_ACTION = "campaigns.export_news_subscribers"

# --- issues -------------------------------------------------------------------------------


@method_decorator(never_cache, name="dispatch")
class SendReportView(WagtailAdminTemplateMixin, TemplateView):
    """Counts of one issue's sending, and the send button for those who may send."""

    template_name = "campaigns/news/admin/report.html"
    header_icon = "mail"

    def dispatch(self, request, pk):
        if not request.user.has_perm("campaigns.view_newsissue"):
            raise PermissionDenied
        self.issue = get_object_or_404(NewsIssue, pk=pk)
        return super().dispatch(request, pk)

    def get_page_title(self):
        return _("Send report")

    def get_page_subtitle(self):
        return self.issue.subject

    @cached_property
    def may_send(self):
        return self.request.user.has_perm(SEND_PERMISSION) and can_send(self.issue)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            issue=self.issue,
            report=send_report(self.issue),
            may_send=self.may_send,
            edit_url=reverse(news_issue_viewset.get_url_name("edit"), args=[self.issue.pk]),
            **kwargs,
        )

    def post(self, request, pk):
        if not self.may_send:
            raise PermissionDenied
        if start_sending(self.issue, request.user):
            messages.success(request, _("Sending has started. The counts below grow as it goes."))
        return redirect(request.path)


class NewsIssueViewSet(SnippetViewSet):
    model = NewsIssue
    icon = "mail"
    menu_label = _("Campaign news")
    menu_name = "campaign_news"
    menu_order = 446  # beside Followers (445)
    add_to_admin_menu = True
    url_prefix = "campaign-news"
    list_display = [
        "subject",
        Column("locale", label=_("Language")),
        DateColumn("sending_started_at", label=_("Sent")),
    ]
    list_filter = ["locale", "live"]

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("report/<int:pk>/", SendReportView.as_view(), name="report"),
        ]


news_issue_viewset = NewsIssueViewSet()
register_snippet(news_issue_viewset)


@hooks.register("register_snippet_listing_buttons")
def send_report_button(snippet, user, next_url=None):
    if isinstance(snippet, NewsIssue):
        yield ListingButton(
            _("Send report"),
            reverse(news_issue_viewset.get_url_name("report"), args=[snippet.pk]),
            icon_name="mail",
            priority=5,
        )


# --- subscribers -------------------------------------------------------------------------

subscriber_permission_policy = SupporterDataPermissionPolicy(
    NewsSubscriber, allowed={"view", "export"}
)
EXPORT_COLUMNS = [
    ("email", _("Email")),
    ("language", _("Language")),
    ("campaign__title", _("Campaign")),
    ("source", _("Source")),
    ("confirmed_at", _("Confirmed")),
]


class SubscriberFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=SubscriberStatus.choices,
        empty_label=_("All"),
        widget=forms.RadioSelect,
    )

    class Meta:
        model = NewsSubscriber
        fields = ["status", "language", "source"]


@method_decorator(never_cache, name="dispatch")
class SubscriberIndexView(generic.IndexView):
    any_permission_required = ["view"]
    results_template_name = "campaigns/news/admin/subscriber_index_results.html"
    FORMATS = ("csv",)
    show_export_buttons = False

    def get_queryset(self):
        queryset = super().get_queryset().select_related("campaign")
        if self.is_export:
            # Whatever the filters say, only those who confirmed and still want the news.
            queryset = queryset.filter(status=SubscriberStatus.CONFIRMED)
        return queryset

    @cached_property
    def columns(self):
        return [
            self._get_title_column("email"),
            Column("language", label=_("Language"), sort_key="language"),
            Column("campaign", label=_("Campaign")),
            Column("source", label=_("Source"), accessor="get_source_display"),
            StatusTagColumn(
                "status",
                label=_("Status"),
                accessor="get_status_display",
                primary=lambda subscriber: subscriber.is_active,
            ),
            DateColumn("created_at", label=_("Created"), sort_key="created_at"),
            DateColumn("confirmed_at", label=_("Confirmed"), sort_key="confirmed_at"),
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if subscriber_permission_policy.user_has_permission(self.request.user, "export"):
            context["export_url"] = f"{reverse(self.index_url_name)}?export=csv"
        return context

    def render_to_response(self, context, **response_kwargs):
        if not self.is_export:
            return super().render_to_response(context, **response_kwargs)
        if not subscriber_permission_policy.user_has_permission(self.request.user, "export"):
            raise PermissionDenied
        subscribers = context["object_list"]
        # Logged in the history of the site's home page: the list is the whole site's.
        home = Site.find_for_request(self.request).root_page
        return export_response(
            home,
            what="news-subscribers",
            log_action=EXPORT_ACTION,
            user=self.request.user,
            header=[heading for _field, heading in EXPORT_COLUMNS],
            rows=subscribers.values_list(*(f for f, _h in EXPORT_COLUMNS)).iterator(
                chunk_size=EXPORT_CHUNK
            ),
            count=subscribers.count(),
        )


class SubscriberViewSet(SupporterDataViewSet):
    model = NewsSubscriber
    allowed_actions = subscriber_permission_policy.allowed
    icon = "group"
    menu_label = _("News subscribers")
    menu_name = "news_subscribers"
    menu_order = 447
    url_prefix = "news-subscribers"
    index_view_class = SubscriberIndexView
    filterset_class = SubscriberFilterSet
    search_fields = ["email"]


subscriber_viewset = SubscriberViewSet("news_subscribers")
register_permission_policy(NewsSubscriber, subscriber_permission_policy)


@hooks.register("register_admin_viewset")
def register_subscriber_viewset():
    return subscriber_viewset


# --- audit log -----------------------------------------------------------------------------


class SendFormatter(LogFormatter):
    label = _("Send campaign news")

    def format_message(self, log_entry):
        return _("Started sending this issue")


class ExportSubscribersFormatter(LogFormatter):
    label = _("Export news subscribers")

    def format_message(self, log_entry):
        rows = (log_entry.data or {}).get("rows")
        return _("Exported %(rows)s news subscribers") % {"rows": rows}


@hooks.register("register_log_actions")
def register_log_actions(actions):
    actions.register_action(SEND_ACTION)(SendFormatter)
    actions.register_action(EXPORT_ACTION)(ExportSubscribersFormatter)
