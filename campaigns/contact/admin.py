"""The contact page in the admin: the dashboard's "New contact messages" panel.

Shown only to those who may read the messages (`wagtailforms.view_formsubmission`,
supporter data, never "is a superuser"), in one query however many pages there are.
"""

import datetime

from django.db.models import Count, Exists, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.contrib.forms.models import FormSubmission
from wagtail.contrib.forms.utils import get_forms_for_user

from .models import ContactPage

CONTACT_RECENT_DAYS = 7


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


# --- registration -------------------------------------------------------------------------


@hooks.register("construct_homepage_panels")
def add_contact_messages_panel(request, panels):
    if can_view_contact_messages(request.user):
        panels.append(ContactMessagesPanel(request))
