"""Cases in the admin: the "Cases" listing and the dashboard's "Cases to re-check".

- The "Cases" menu item lists every case (Wagtail's `PageListingViewSet`), with filters;
  the explorer lists the case index's children with the same columns (`PageViewSet`).
  Values come from annotations on the listing's one query, so the number of queries does
  not grow with the number of cases.
- "Cases to re-check" is shown to anyone with a page "change" permission, listing only the
  cases that user may edit, in a fixed number of queries.
"""

import datetime

import django_filters
from django.conf import settings
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.pages.listing import ExplorableIndexView, IndexView, PageFilterSet
from wagtail.admin.viewsets.pages import PageListingViewSet
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail.permissions import page_permission_policy

from campaigns.related import campaigns_to_choose
from home.page_admin import OptionalColumn, PageEditorsMenuItem, SitePageViewSet, base_column

from .choices import CaseStatus
from .models import CasePage

RECHECK_LIMIT = 10

case_permission_policy = PagePermissionPolicy(CasePage)


def verify_cutoff(today=None):
    """Cases last verified before this date (or never) are due for a re-check."""
    return (today or timezone.localdate()) - datetime.timedelta(
        days=settings.CASE_VERIFY_AFTER_DAYS
    )


def is_due_for_recheck(last_verified, cutoff=None):
    return last_verified is None or last_verified < (cutoff or verify_cutoff())


def can_edit_pages(user):
    return page_permission_policy.user_has_permission(user, "change")


def cases_to_recheck(user):
    """Live cases `user` may edit that were never verified or not for too long, the
    never-verified first, then the oldest."""
    return (
        case_permission_policy.instances_user_has_permission_for(user, "change")
        .live()
        .filter(Q(last_verified__isnull=True) | Q(last_verified__lt=verify_cutoff()))
        .order_by(F("last_verified").asc(nulls_first=True), "title", "pk")
    )


class CasesToRecheckPanel(Component):
    name = "cases_to_recheck"
    template_name = "campaigns/admin/cases_to_recheck_panel.html"
    order = 170  # below open petitions (160)

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context):
        cases = cases_to_recheck(self.request.user)
        total = cases.count()
        rows = list(cases.values("pk", "title", "last_verified")[:RECHECK_LIMIT]) if total else []
        for row in rows:
            row["edit_url"] = reverse("wagtailadmin_pages:edit", args=(row["pk"],))
        return {
            "cases": rows,
            "total": total,
            "days": settings.CASE_VERIFY_AFTER_DAYS,
            # The "Cases" listing (below), overdue first.
            "listing_url": reverse("cases:index") + "?ordering=last_verified",
        }


# --- the listings ----------------------------------------------------------------------------


class LastVerifiedColumn(Column):
    """The date, flagged "re-check" in words (not colour alone) when it is too old or empty."""

    cell_template_name = "campaigns/admin/last_verified_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["due"] = is_due_for_recheck(context["raw_value"])
        return context


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


class CaseIndexView(CaseListingMixin, IndexView):
    pass


class CaseExplorableIndexView(CaseListingMixin, ExplorableIndexView):
    pass


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


class CasePageViewSet(SitePageViewSet):
    """Every admin view of a case as Wagtail has it; the explorer lists the case index's
    children with the case columns (the case index takes no other type of page)."""

    model = CasePage
    icon = "user"
    index_view_class = CaseExplorableIndexView
    columns = CASE_COLUMNS
    filterset_class = CaseFilterSet


case_listing_viewset = CaseListingViewSet("cases")
case_page_viewset = CasePageViewSet()


@hooks.register("register_admin_viewset")
def register_case_listings():
    return [case_listing_viewset, case_page_viewset]


@hooks.register("construct_homepage_panels")
def add_cases_to_recheck_panel(request, panels):
    if can_edit_pages(request.user):
        panels.append(CasesToRecheckPanel(request))
