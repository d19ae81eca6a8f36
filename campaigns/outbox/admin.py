"""Outgoing email in the Wagtail admin: what is waiting, what was sent, what failed.

The listing is read-only: emails are written by the site, never in the admin. People with the
"view" permission see the queue and each email as its recipient reads it (links clickable);
people with the "retry" permission (and superusers) can put a failed email back on the queue
once the mail server is fixed.

When the oldest email waiting to be sent has waited longer than EMAIL_QUEUE_STUCK_AFTER
seconds, the listing and the dashboard (for the same people) say so, and what to check.
"""

import datetime

from django.conf import settings
from django.contrib.auth import get_permission_codename, get_user_model
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.html import format_html, format_html_join
from django.utils.timesince import timesince
from django.utils.translation import gettext_lazy as _
from django.views.generic import View
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column, DateColumn, NumberColumn, StatusTagColumn
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.admin.views import generic
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import Button, ListingButton
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from home.mail import links_in, text_with_links

from .models import EmailStatus, OutboundEmail
from .queue import oldest_unsent_age, queue_is_stuck
from .tasks import retry_failed

# The email worker's systemd unit (deploy/campaigns-email-worker.service).
WORKER_SERVICE = "campaigns-email-worker"


class OutboundEmailPermissionPolicy(ModelPermissionPolicy):
    """Nobody adds, edits or deletes queued email in the admin; "retry" is its own permission."""

    read_only_actions = {"add", "change", "delete"}

    def user_has_permission(self, user, action):
        if action in self.read_only_actions:
            return False
        return super().user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        actions = set(actions) - self.read_only_actions
        if not actions:
            return get_user_model().objects.none()
        return super().users_with_any_permission(actions)


outbound_email_permission_policy = OutboundEmailPermissionPolicy(OutboundEmail)


def retry_button(email, url_name, button_class):
    return button_class(
        _("Retry"),
        attrs={
            "data-controller": "w-action",
            "data-action": "w-action#post",
            "data-w-action-url-value": reverse(url_name, args=(email.pk,)),
            "aria-label": _("Retry sending email %(id)s") % {"id": email.pk},
        },
        priority=5,
    )


def stuck_queue_warning():
    """What the "email is not going out" warning says, or None while email goes out in time."""
    age = oldest_unsent_age()
    if not queue_is_stuck(age):
        return None
    now = timezone.now()
    limit = datetime.timedelta(seconds=settings.EMAIL_QUEUE_STUCK_AFTER)
    return {
        "waited": timesince(now - age, now),
        "limit": timesince(now - limit, now),
        "service": WORKER_SERVICE,
        "queued_url": reverse("outgoing_email:index") + f"?status={EmailStatus.QUEUED}",
    }


class StuckQueuePanel(Component):
    """On the dashboard, above everything else, only while the queue is stuck."""

    name = "email_queue_stuck"
    template_name = "campaigns/admin/email_queue_stuck_panel.html"
    order = 50

    def get_context_data(self, parent_context):
        return {"stuck_queue": stuck_queue_warning()}


class OutboundEmailIndexView(generic.IndexView):
    template_name = "campaigns/admin/outgoing_email_index.html"
    retry_url_name = None

    @cached_property
    def can_retry(self):
        return self.user_has_permission("retry")

    @cached_property
    def columns(self):
        return [
            self._get_title_column("subject"),
            Column("get_kind_display", label=_("Kind"), sort_key="kind"),
            StatusTagColumn(
                "get_status_display",
                label=_("Status"),
                sort_key="status",
                primary=lambda email: email.status != EmailStatus.SENT,
            ),
            NumberColumn("attempts", label=_("Attempts"), sort_key="attempts"),
            DateColumn("created_at", label=_("Queued"), sort_key="created_at"),
            DateColumn("sent_at", label=_("Sent"), sort_key="sent_at"),
        ]

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "stuck_queue": stuck_queue_warning()}

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if self.can_retry and instance.status == EmailStatus.FAILED:
            buttons.append(retry_button(instance, self.retry_url_name, ListingButton))
        return buttons


class OutboundEmailInspectView(generic.InspectView):
    """One email as its recipient reads it: the text with working links, the HTML rendered."""

    retry_url_name = None
    extra_labels = {"links": _("Links in the email")}

    def get_field_label(self, field_name, field):
        if field_name in self.extra_labels:
            return self.extra_labels[field_name]
        return super().get_field_label(field_name, field)

    def get_to_display_value(self):
        return ", ".join(self.object.to)

    def get_body_text_display_value(self):
        return format_html(
            '<div style="white-space: pre-wrap; overflow-wrap: anywhere">{}</div>',
            text_with_links(self.object.body_text),
        )

    def get_links_display_value(self):
        links = links_in(self.object.body_text, self.object.body_html)
        if not links:
            return "-"
        items = format_html_join("", '<li><a href="{0}">{0}</a></li>', ((url,) for url in links))
        return format_html('<ul style="overflow-wrap: anywhere">{}</ul>', items)

    def get_body_html_display_value(self):
        if not self.object.body_html:
            return "-"
        # Rendered apart from the admin: no scripts, no forms, links open in a new tab.
        return format_html(
            '<iframe title="{}" sandbox="allow-popups allow-popups-to-escape-sandbox" '
            'srcdoc="{}" style="width: 100%; height: 16rem; resize: vertical; border: 1px solid">'
            "</iframe>",
            _("The HTML part of the email"),
            '<base target="_blank">' + self.object.body_html,
        )

    @cached_property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        if self.object.status == EmailStatus.FAILED and self.user_has_permission("retry"):
            buttons.append(retry_button(self.object, self.retry_url_name, Button))
        return buttons


class RetryEmailView(PermissionCheckedMixin, View):
    """Put one failed email back on the queue (POST from the listing or inspect view)."""

    model = OutboundEmail
    permission_required = "retry"
    http_method_names = ["post"]
    index_url_name = None

    def post(self, request, pk):
        email = get_object_or_404(OutboundEmail, pk=pk)
        if retry_failed(email):
            messages.success(request, _("The email is back on the queue."))
        else:
            messages.warning(request, _("Only failed emails can be retried."))
        return redirect(get_valid_next_url_from_request(request) or reverse(self.index_url_name))


class OutboundEmailViewSet(ModelViewSet):
    model = OutboundEmail
    icon = "mail"
    menu_label = _("Outgoing email")
    menu_name = "outgoing-email"
    menu_order = 460
    add_to_admin_menu = True
    url_prefix = "outgoing-email"
    add_to_reference_index = False
    copy_view_enabled = False
    inspect_view_enabled = True
    index_view_class = OutboundEmailIndexView
    inspect_view_class = OutboundEmailInspectView
    list_filter = ["status", "kind"]
    list_per_page = 50
    ordering = ["-created_at", "-pk"]
    search_fields = ["subject"]
    search_backend_name = None
    inspect_view_fields = [
        "kind",
        "status",
        "attempts",
        "last_error",
        "created_at",
        "next_attempt_at",
        "sent_at",
        "to",
        "from_email",
        "reply_to",
        "subject",
        "body_text",
        "links",
        "body_html",
    ]
    form_fields = []  # never edited: see the permission policy

    def get_common_view_kwargs(self, **kwargs):
        return super().get_common_view_kwargs(retry_url_name=self.get_url_name("retry"), **kwargs)

    @property
    def retry_view(self):
        return self.construct_view(RetryEmailView)

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("retry/<int:pk>/", self.retry_view, name="retry"),
        ]

    def get_permissions_to_register(self):
        unused = [get_permission_codename(a, self.model_opts) for a in ("add", "change", "delete")]
        return super().get_permissions_to_register().exclude(codename__in=unused)


# The policy first, or Wagtail would create its default one for the viewset.
register_permission_policy(OutboundEmail, outbound_email_permission_policy)


@hooks.register("register_admin_viewset")
def register_outgoing_email_viewset():
    return OutboundEmailViewSet("outgoing_email")


@hooks.register("construct_homepage_panels")
def add_stuck_queue_panel(request, panels):
    if outbound_email_permission_policy.user_has_permission(request.user, "view"):
        panels.append(StuckQueuePanel())
