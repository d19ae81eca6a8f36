"""Readers following cases, in the Wagtail admin: a read-only listing and a CSV of one
case's active followers.

Followers' addresses are supporters' data. Everything here needs `campaigns.view_follow`
(the "Supporter data" role), never "is a superuser", so a group can be given exactly that.
Nobody adds, edits or deletes follows in the admin: readers follow, confirm and unsubscribe
themselves (campaigns.follows.notify), and `purge_supporter_data` removes old ones.

The CSV is asked for as Wagtail's listing export is (`?export=csv`), held to what a
campaign may use: the confirmed, still-subscribed followers of the one case chosen in the
filters; it needs the same permission as the listing. It is written by the one export of
supporters' data (`campaigns.supporters.exports`): each export goes to the case's history
(Wagtail's audit log) with who made it and how many rows, never the addresses.
"""

import django_filters
from django import forms
from django.db.models import F, Q
from django.http import HttpResponseBadRequest
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.functional import cached_property
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn, StatusTagColumn
from wagtail.admin.views import generic
from wagtail.log_actions import LogFormatter
from wagtail.permissions import register_permission_policy

from campaigns.cases.models import CasePage
from campaigns.supporters.admin import SupporterDataPermissionPolicy, SupporterDataViewSet
from campaigns.supporters.exports import EXPORT_CHUNK, export_response
from home.i18n import sources_only

from .models import Follow

EXPORT_ACTION = "campaigns.export_followers"
# The CSV's columns: the field each comes from, and its heading.
EXPORT_COLUMNS = [
    ("email", _("Email")),
    ("case_title", _("Case")),
    ("confirmed_at", _("Confirmed")),
    ("created_at", _("Followed since")),
]
EXPORT_FIELDS = [field for field, _heading in EXPORT_COLUMNS]
EXPORT_HEADER = [heading for _field, heading in EXPORT_COLUMNS]

ACTIVE = Q(confirmed_at__isnull=False, unsubscribed_at__isnull=True)
STATES = {
    "active": (_("Active"), ACTIVE),
    "unconfirmed": (
        _("Not confirmed"),
        Q(confirmed_at__isnull=True, unsubscribed_at__isnull=True),
    ),
    "unsubscribed": (_("Unsubscribed"), Q(unsubscribed_at__isnull=False)),
}


follow_permission_policy = SupporterDataPermissionPolicy(Follow, allowed={"view"})


def state_of(follow):
    if follow.unsubscribed_at:
        return "unsubscribed"
    return "active" if follow.confirmed_at else "unconfirmed"


# --- the listing ------------------------------------------------------------------------


class FollowFilterSet(WagtailFilterSet):
    case = django_filters.ModelChoiceFilter(
        label=_("Case"),
        # Follows are of a case's English page: one choice per case, not one per language.
        queryset=lambda request: sources_only(CasePage.objects.defer_streamfields()).order_by(
            "title", "pk"
        ),
        empty_label=_("All cases"),
    )
    state = django_filters.ChoiceFilter(
        label=_("State"),
        choices=[(key, label) for key, (label, _condition) in STATES.items()],
        method="filter_state",
        empty_label=_("All"),
        widget=forms.RadioSelect,
    )

    class Meta:
        model = Follow
        fields = ["case"]

    def filter_state(self, queryset, name, value):
        return queryset.filter(STATES[value][1])


@method_decorator(never_cache, name="dispatch")
class FollowIndexView(generic.IndexView):
    any_permission_required = ["view"]
    results_template_name = "campaigns/admin/follow_index_results.html"
    # Only CSV, and only through the button this listing draws (see get_context_data); the
    # file is written by the one export of supporters' data, not Wagtail's listing export.
    FORMATS = ("csv",)
    show_export_buttons = False

    def get_base_queryset(self):
        return super().get_base_queryset().annotate(case_title=F("case__title"))

    def get_queryset(self):
        queryset = super().get_queryset()
        if self.is_export:
            # Whatever else the address asks for, only those who still want the news.
            queryset = queryset.filter(ACTIVE)
        return queryset

    @cached_property
    def columns(self):
        return [
            self._get_title_column("email"),
            Column("case_title", label=_("Case"), sort_key="case_title"),
            Column("language", label=_("Language"), sort_key="language"),
            StatusTagColumn(
                "state",
                label=_("State"),
                accessor=lambda follow: STATES[state_of(follow)][0],
                primary=lambda follow: state_of(follow) == "active",
            ),
            DateColumn("created_at", label=_("Created"), sort_key="created_at"),
            DateColumn("confirmed_at", label=_("Confirmed"), sort_key="confirmed_at"),
            DateColumn("unsubscribed_at", label=_("Unsubscribed"), sort_key="unsubscribed_at"),
        ]

    @cached_property
    def chosen_case(self):
        if self.filters and self.filters.is_valid():
            return self.filters.form.cleaned_data.get("case")
        return None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["case"] = self.chosen_case
        if self.chosen_case:
            query = urlencode({"case": self.chosen_case.pk, "export": "csv"})
            context["export_url"] = f"{reverse(self.index_url_name)}?{query}"
        return context

    def render_to_response(self, context, **response_kwargs):
        if not self.is_export:
            return super().render_to_response(context, **response_kwargs)
        if self.chosen_case is None:
            return HttpResponseBadRequest(
                _("Choose a case to download its followers."), content_type="text/plain"
            )
        followers = context["object_list"]  # filtered, searched, sorted, active only
        return export_response(
            self.chosen_case,
            what="followers",
            log_action=EXPORT_ACTION,
            user=self.request.user,
            header=EXPORT_HEADER,
            rows=followers.values_list(*EXPORT_FIELDS).iterator(chunk_size=EXPORT_CHUNK),
            count=followers.count(),
        )


# --- the viewset ------------------------------------------------------------------------


class FollowViewSet(SupporterDataViewSet):
    model = Follow
    allowed_actions = follow_permission_policy.allowed
    icon = "mail"
    menu_label = _("Followers")
    menu_name = "followers"
    menu_order = 445  # between Signatures (440) and Comments (450)
    url_prefix = "followers"
    index_view_class = FollowIndexView
    filterset_class = FollowFilterSet
    search_fields = ["email"]


# --- registration -----------------------------------------------------------------------


class ExportFollowersFormatter(LogFormatter):
    label = _("Export followers")

    def format_message(self, log_entry):
        rows = (log_entry.data or {}).get("rows")
        if rows is None:
            return _("Exported the active followers")
        return _("Exported %(rows)s active followers") % {"rows": rows}


follow_viewset = FollowViewSet("followers")

# Before the viewset is registered, or Wagtail would create its default policy for follows.
register_permission_policy(Follow, follow_permission_policy)


@hooks.register("register_admin_viewset")
def register_follow_viewset():
    return follow_viewset


@hooks.register("register_log_actions")
def register_log_actions(actions):
    actions.register_action(EXPORT_ACTION)(ExportFollowersFormatter)
