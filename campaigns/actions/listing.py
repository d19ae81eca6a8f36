"""Actions in the admin: the "Actions" listing, with each petition's or letter's count,
goal and deadline (see campaigns.cases.admin for how the listings are built)."""

import django_filters
from django.db.models import Case, F, When
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import Column, DateColumn, NumberColumn, StatusTagColumn
from wagtail.admin.views.pages.listing import ExplorableIndexView, IndexView, PageFilterSet
from wagtail.admin.viewsets.pages import PageListingViewSet

from campaigns.related import campaigns_to_choose
from home.page_admin import (
    OptionalNumberColumn,
    PageEditorsMenuItem,
    SitePageViewSet,
    base_column,
)

from .models import ActionKind, ActionPage, tallies_of

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


# What an action counts, from its tally (annotated in the listing's query, shared by its
# translations): a petition's confirmed signatures, a letter action's letters sent; 0
# before anyone has acted.
ACTED = Case(
    When(kind=ActionKind.PETITION, then=F("counted_signatures")),
    default=F("counted_letters"),
)


class ActionListingMixin:
    def annotate_queryset(self, pages):
        return tallies_of(super().annotate_queryset(pages)).annotate(acted=ACTED)


class ActionIndexView(ActionListingMixin, IndexView):
    pass


class ActionExplorableIndexView(ActionListingMixin, ExplorableIndexView):
    pass


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


class ActionPageViewSet(SitePageViewSet):
    model = ActionPage
    icon = "doc-full-inverse"
    index_view_class = ActionExplorableIndexView
    columns = ACTION_COLUMNS
    filterset_class = ActionFilterSet


action_listing_viewset = ActionListingViewSet("actions")
action_page_viewset = ActionPageViewSet()


@hooks.register("register_admin_viewset")
def register_action_listings():
    return [action_listing_viewset, action_page_viewset]
