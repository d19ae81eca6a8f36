"""Page listings with the columns campaigners need: cases and actions.

Each kind of page gets the same columns in two places:
- its own admin menu item ("Cases", "Actions"), a flat listing of every such page
  (Wagtail's `PageListingViewSet`), with filters;
- the explorer's listing of the case index's or action index's children (Wagtail's
  `PageViewSet`, whose listing Wagtail uses for a parent page that only takes that type).
The values come from annotations on the listing's one query, so the number of queries does
not grow with the number of pages.
"""

import django_filters
from django.db.models import Case, F, Value, When
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column, DateColumn, NumberColumn, StatusTagColumn
from wagtail.admin.views.pages.listing import ExplorableIndexView, IndexView, PageFilterSet
from wagtail.admin.viewsets.pages import PageListingViewSet
from wagtail.permissions import page_permission_policy

from campaigns.admin_panels import is_due_for_recheck
from campaigns.models import ActionKind, ActionPage, CampaignPage, CasePage, CaseStatus
from home.page_admin import SitePageViewSet

NOTHING = "—"


# --- columns ------------------------------------------------------------------------------


def base_column(name):
    """One of the columns of Wagtail's page listing (title, updated, live status...)."""
    return next(column for column in ExplorableIndexView.base_columns if column.name == name)


class LastVerifiedColumn(Column):
    """The date, flagged "re-check" in words (not colour alone) when it is too old or empty."""

    cell_template_name = "campaigns/admin/last_verified_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["due"] = is_due_for_recheck(context["raw_value"])
        return context


class OptionalMixin:
    """A dash, rather than an empty cell, when there is no value (no campaign, no goal)."""

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        if context["raw_value"] in (None, ""):
            context["value"] = NOTHING
        return context


class OptionalColumn(OptionalMixin, Column):
    pass


class OptionalNumberColumn(OptionalMixin, NumberColumn):
    pass


CASE_COLUMNS = [
    base_column("bulk_actions"),
    base_column("title"),
    Column(
        "current_status",
        label=_("Case status"),
        accessor="get_current_status_display",
        sort_key="current_status",
        width="14%",
    ),
    LastVerifiedColumn(
        "last_verified", label=_("Last verified"), sort_key="last_verified", width="14%"
    ),
    OptionalColumn("campaign_title", label=_("Campaign"), sort_key="campaign_title", width="14%"),
    base_column("latest_revision_created_at"),
    base_column("status"),
]

ACTION_COLUMNS = [
    base_column("bulk_actions"),
    base_column("title"),
    Column("kind", label=_("Kind"), accessor="get_kind_display", sort_key="kind", width="9%"),
    NumberColumn(
        "acted",
        label=_("Signatures / letters"),
        sort_key="acted",
        width="12%",
    ),
    OptionalNumberColumn("goal", label=_("Goal"), sort_key="goal", width="8%"),
    DateColumn("deadline", label=_("Deadline"), sort_key="deadline", width="11%"),
    StatusTagColumn(
        "open_state",
        label=_("Form"),
        accessor=lambda action: _("Open") if action.is_open else _("Closed"),
        primary=lambda action: action.is_open,
        width="8%",
    ),
    base_column("latest_revision_created_at"),
    base_column("status"),
]


# --- filters ------------------------------------------------------------------------------


def campaigns_to_choose(request):
    return CampaignPage.objects.defer_streamfields().order_by("title", "pk")


class CaseFilterSet(PageFilterSet):
    current_status = django_filters.ChoiceFilter(
        label=_("Case status"), choices=CaseStatus.choices, empty_label=_("Any status")
    )
    related_campaign = django_filters.ModelChoiceFilter(
        label=_("Campaign"), queryset=campaigns_to_choose, empty_label=_("Any campaign")
    )

    class Meta:
        model = CasePage
        fields = []


class ActionFilterSet(PageFilterSet):
    kind = django_filters.ChoiceFilter(
        label=_("Kind"), choices=ActionKind.choices, empty_label=_("Petitions and letters")
    )
    related_campaign = django_filters.ModelChoiceFilter(
        label=_("Campaign"), queryset=campaigns_to_choose, empty_label=_("Any campaign")
    )

    class Meta:
        model = ActionPage
        fields = []


# --- views --------------------------------------------------------------------------------


class CaseListingMixin:
    def annotate_queryset(self, pages):
        pages = super().annotate_queryset(pages)
        return pages.annotate(campaign_title=F("related_campaign__title"))

    def order_queryset(self, queryset):
        # Never-verified cases are the most overdue: first when sorting by last verified,
        # on PostgreSQL as on SQLite (search backends cannot order by expressions).
        if self.ordering in ("last_verified", "-last_verified") and not self.is_searching:
            field = F("last_verified")
            if self.ordering == "last_verified":
                return queryset.order_by(field.asc(nulls_first=True), "title", "pk")
            return queryset.order_by(field.desc(nulls_last=True), "title", "pk")
        return super().order_queryset(queryset)


# What an action counts, from its tally (joined in the listing's query): a petition's
# confirmed signatures, a letter action's letters sent; 0 before anyone has acted.
ACTED = Case(
    When(kind=ActionKind.PETITION, then=Coalesce(F("tally__signatures"), Value(0))),
    default=Coalesce(F("tally__letters"), Value(0)),
)


class ActionListingMixin:
    def annotate_queryset(self, pages):
        return super().annotate_queryset(pages).annotate(acted=ACTED)


class CaseIndexView(CaseListingMixin, IndexView):
    pass


class CaseExplorableIndexView(CaseListingMixin, ExplorableIndexView):
    pass


class ActionIndexView(ActionListingMixin, IndexView):
    pass


class ActionExplorableIndexView(ActionListingMixin, ExplorableIndexView):
    pass


# --- viewsets -----------------------------------------------------------------------------


class PageEditorsMenuItem(MenuItem):
    """Shown to those who may open the listing: anyone with a page permission."""

    def is_shown(self, request):
        return page_permission_policy.user_has_any_permission(
            request.user, IndexView.any_permission_required
        )


class CaseListingViewSet(PageListingViewSet):
    """Admin menu "Cases": every case, with its status and when it was last verified."""

    model = CasePage
    icon = "user"
    menu_label = _("Cases")
    menu_name = "cases"
    menu_order = 110  # just below Pages
    add_to_admin_menu = True
    menu_item_class = PageEditorsMenuItem
    index_view_class = CaseIndexView
    columns = CASE_COLUMNS
    filterset_class = CaseFilterSet


class ActionListingViewSet(PageListingViewSet):
    """Admin menu "Actions": every petition and letter, with its count, goal and deadline."""

    model = ActionPage
    icon = "doc-full-inverse"
    menu_label = _("Actions")
    menu_name = "actions"
    menu_order = 120
    add_to_admin_menu = True
    menu_item_class = PageEditorsMenuItem
    index_view_class = ActionIndexView
    columns = ACTION_COLUMNS
    filterset_class = ActionFilterSet


class CasePageViewSet(SitePageViewSet):
    """Every admin view of a case as Wagtail has it; the explorer lists the case index's
    children with the case columns (the case index takes no other type of page)."""

    model = CasePage
    icon = "user"
    index_view_class = CaseExplorableIndexView
    columns = CASE_COLUMNS
    filterset_class = CaseFilterSet


class ActionPageViewSet(SitePageViewSet):
    model = ActionPage
    icon = "doc-full-inverse"
    index_view_class = ActionExplorableIndexView
    columns = ACTION_COLUMNS
    filterset_class = ActionFilterSet


case_listing_viewset = CaseListingViewSet("cases")
action_listing_viewset = ActionListingViewSet("actions")
case_page_viewset = CasePageViewSet()
action_page_viewset = ActionPageViewSet()


@hooks.register("register_admin_viewset")
def register_page_listings():
    return [case_listing_viewset, action_listing_viewset, case_page_viewset, action_page_viewset]
