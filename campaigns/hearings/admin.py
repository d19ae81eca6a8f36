"""The hearings in the admin: edited in their case's "Court hearings" panel; the dashboard
lists the next ones, so an editor sees what to check or announce."""

import datetime

from django.urls import reverse
from django.utils import timezone
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.permission_policies.pages import PagePermissionPolicy

from home.i18n import default_locale_id

from .models import Hearing

DASHBOARD_LIMIT = 8


def next_hearings(now=None, limit=DASHBOARD_LIMIT):
    """The next hearings not yet over of live cases, in the default language (one query)."""
    now = now or timezone.now()
    hearings = (
        Hearing.objects.filter(
            locale_id=default_locale_id(),
            page__live=True,
            starts_at__gte=now - datetime.timedelta(days=1),
        )
        .select_related("page")
        .defer("page__body", "page__sources")
        .order_by("starts_at", "pk")
    )
    return [h for h in hearings[: limit * 2] if not h.is_past(now)][:limit]


class NextHearingsPanel(Component):
    name = "next_hearings"
    template_name = "campaigns/hearings/admin/next_hearings_panel.html"
    order = 175  # below the cases to re-check (170)

    def get_context_data(self, parent_context):
        rows = [
            {"hearing": h, "edit_url": reverse("wagtailadmin_pages:edit", args=(h.page_id,))}
            for h in next_hearings()
        ]
        return {"rows": rows, "public_url": reverse("hearings")}


@hooks.register("construct_homepage_panels")
def add_next_hearings_panel(request, panels):
    if PagePermissionPolicy().user_has_permission(request.user, "change"):
        panels.append(NextHearingsPanel())
