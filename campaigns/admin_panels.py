"""Dashboard panels for the campaigners' admin: new contact messages, cases to re-check.

Each panel is shown only to the people who can act on it, by Django/Wagtail permissions
(never "is a superuser"), and costs a fixed number of queries however many pages there are:
- "New contact messages": `wagtailforms.view_formsubmission` (supporter data);
- "Cases to re-check": any page "change" permission; only the cases that user may edit.
"""

import datetime

from django.conf import settings
from django.db.models import Count, Exists, F, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.contrib.forms.models import FormSubmission
from wagtail.contrib.forms.utils import get_forms_for_user
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail.permissions import page_permission_policy

from campaigns.models import CasePage, ContactPage

CONTACT_RECENT_DAYS = 7
RECHECK_LIMIT = 10

case_permission_policy = PagePermissionPolicy(CasePage)


# --- new contact messages -----------------------------------------------------------------


def can_view_contact_messages(user):
    return user.is_active and user.has_perm("wagtailforms.view_formsubmission")


def recent_contact_counts(user, since):
    """Every contact page with its submissions since `since`, and whether `user` may open
    its submissions listing (Wagtail requires edit rights on the form page). One query."""
    recent = (
        FormSubmission.objects.filter(page=OuterRef("pk"), submit_time__gte=since)
        .order_by()
        .values("page")
        .annotate(count=Count("pk"))
        .values("count")
    )
    openable = get_forms_for_user(user).filter(pk=OuterRef("pk"))
    return (
        ContactPage.objects.order_by("path")
        .values("pk", "title")
        .annotate(
            recent=Coalesce(Subquery(recent, output_field=IntegerField()), Value(0)),
            can_open=Exists(openable),
        )
    )


class ContactMessagesPanel(Component):
    name = "contact_messages"
    template_name = "campaigns/admin/contact_messages_panel.html"
    order = 155  # between comments awaiting moderation (150) and open petitions (160)

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context):
        since = timezone.now() - datetime.timedelta(days=CONTACT_RECENT_DAYS)
        rows = list(recent_contact_counts(self.request.user, since))
        for row in rows:
            if row["can_open"]:
                row["url"] = reverse("wagtailforms:list_submissions", args=(row["pk"],))
        return {
            "pages": rows,
            "total": sum(row["recent"] for row in rows),
            "recent_days": CONTACT_RECENT_DAYS,
        }


# --- cases to re-check --------------------------------------------------------------------


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
            # The "Cases" listing (campaigns.page_listings), overdue first.
            "listing_url": reverse("cases:index") + "?ordering=last_verified",
        }


# --- registration -------------------------------------------------------------------------


@hooks.register("construct_homepage_panels")
def add_admin_panels(request, panels):
    if can_view_contact_messages(request.user):
        panels.append(ContactMessagesPanel(request))
    if can_edit_pages(request.user):
        panels.append(CasesToRecheckPanel(request))
