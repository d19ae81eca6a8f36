"""Petition signatures in the Wagtail admin: list, export, delete; a dashboard of counts.

Signatures are supporters' data. Every view here is gated by Django permissions on
`campaigns.Signature`, never by "is a superuser", so that a group can be given exactly them:
- `view_signature`: the "Signatures" menu item, the listing and the dashboard's petition panel;
- `export_signature`: the CSV of a petition's confirmed signatures (to deliver it to the
  petition's target), made by the one export of supporters' data
  (`campaigns.supporters.exports`): every export is written to the petition's history
  (Wagtail's audit log), with who made it and how many rows, never a supporter's data;
- `delete_signature`: delete one signature when its owner asks; a counted one is taken
  off the petition's count (`campaigns.actions.signatures.delete_signature`).
Nobody adds or edits signatures in the admin: they come from the public form only.
"""

import datetime

import django_filters
from django import forms
from django.db.models import Count, F, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.generic import View
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import BooleanColumn, Column, DateColumn
from wagtail.admin.views import generic
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.log_actions import LogFormatter, log
from wagtail.permissions import register_permission_policy

from campaigns.supporters.admin import SupporterDataPermissionPolicy, SupporterDataViewSet
from campaigns.supporters.exports import export_response
from home.i18n import sources_only

from .models import ActionKind, ActionPage, Signature
from .signatures import EXPORT_COLUMNS, confirmed_signatures, delete_signature, export_rows

EXPORT_ACTION = "campaigns.export_signatures"
DELETE_ACTION = "campaigns.delete_signature"
RECENT_DAYS = 7


# Signatures come from the public form: nobody adds or edits them in the admin.
signature_permission_policy = SupporterDataPermissionPolicy(
    Signature, allowed={"view", "export", "delete"}
)


def can_view_signatures(user):
    return signature_permission_policy.user_has_permission(user, "view")


def can_export_signatures(user):
    return signature_permission_policy.user_has_permission(user, "export")


def petitions():
    """Each petition once: a translation shares its source page's signatures."""
    return sources_only(ActionPage.objects.filter(kind=ActionKind.PETITION).defer_streamfields())


# --- the listing ------------------------------------------------------------------------


class SignatureFilterSet(WagtailFilterSet):
    action = django_filters.ModelChoiceFilter(
        label=_("Petition"),
        queryset=lambda request: petitions().order_by("title", "pk"),
        empty_label=_("All petitions"),
    )
    confirmed = django_filters.ChoiceFilter(
        label=_("Confirmed"),
        choices=[("yes", _("Confirmed")), ("no", _("Not confirmed"))],
        method="filter_confirmed",
        empty_label=_("All"),
        widget=forms.RadioSelect,
    )

    class Meta:
        model = Signature
        fields = ["action"]

    def filter_confirmed(self, queryset, name, value):
        return queryset.filter(confirmed_at__isnull=(value != "yes"))


class SignatureIndexView(generic.IndexView):
    # Reading signatures needs "view": holding only "delete" or "export" lists nothing.
    any_permission_required = ["view"]
    results_template_name = "campaigns/admin/signature_index_results.html"
    export_url_name = None

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        # Wagtail's own "?export=csv" would export whatever the listing shows, confirmed or
        # not, past the "export" permission: the export is its own view (SignatureExportView).
        self.is_export = False

    def get_base_queryset(self):
        return super().get_base_queryset().annotate(petition_title=F("action__title"))

    @cached_property
    def columns(self):
        return [
            self._get_title_column("name"),
            Column("email", label=_("Email"), sort_key="email"),
            Column("country.name", label=_("Country"), sort_key="country"),
            Column("petition_title", label=_("Petition"), sort_key="petition_title"),
            # The language the supporter signed in: write back in it.
            Column("language", label=_("Language"), sort_key="language"),
            BooleanColumn("show_name", label=_("Show name"), sort_key="show_name"),
            BooleanColumn("keep_informed", label=_("Keep informed"), sort_key="keep_informed"),
            DateColumn("created_at", label=_("Signed"), sort_key="created_at"),
            DateColumn("confirmed_at", label=_("Confirmed"), sort_key="confirmed_at"),
        ]

    @cached_property
    def chosen_petition(self):
        if self.filters and self.filters.is_valid():
            return self.filters.form.cleaned_data.get("action")
        return None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        can_export = can_export_signatures(self.request.user)
        context["can_export"] = can_export
        context["petition"] = self.chosen_petition
        if can_export and self.chosen_petition:
            context["export_url"] = reverse(self.export_url_name, args=(self.chosen_petition.pk,))
        return context


class SignatureDeleteView(generic.DeleteView):
    """Delete one signature at its owner's request; a counted one leaves the count."""

    success_message = _("Signature deleted.")

    def delete_action(self):
        signature = self.object
        if delete_signature(signature):
            action = ActionPage.objects.defer_streamfields().get(pk=signature.action_id)
            log(instance=action, action=DELETE_ACTION, user=self.request.user)


# --- the export -------------------------------------------------------------------------


@method_decorator(never_cache, name="dispatch")
class SignatureExportView(PermissionCheckedMixin, View):
    """One petition's confirmed signatures as CSV, streamed row by row."""

    model = Signature
    permission_required = "export"
    http_method_names = ["get"]

    def get(self, request, action_id):
        action = get_object_or_404(petitions(), pk=action_id)
        return export_response(
            action,
            what="signatures",
            log_action=EXPORT_ACTION,
            user=request.user,
            header=EXPORT_COLUMNS,
            rows=export_rows(action),
            count=confirmed_signatures(action).count(),
        )


# --- the viewset ------------------------------------------------------------------------


class SignatureViewSet(SupporterDataViewSet):
    model = Signature
    allowed_actions = signature_permission_policy.allowed
    icon = "clipboard-list"
    menu_label = _("Signatures")
    menu_name = "signatures"
    menu_order = 440  # just before Comments (450) and Outgoing email (460)
    url_prefix = "signatures"
    index_view_class = SignatureIndexView
    delete_view_class = SignatureDeleteView
    filterset_class = SignatureFilterSet
    search_fields = ["name", "email"]

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(export_url_name=self.get_url_name("export"), **kwargs)

    @property
    def export_view(self):
        return self.construct_view(SignatureExportView)

    def get_extra_urlpatterns(self):
        return [
            path("delete/<int:pk>/", self.delete_view, name="delete"),
            path("export/<int:action_id>/", self.export_view, name="export"),
        ]


# --- dashboard --------------------------------------------------------------------------


def open_petition_counts(since):
    """Each open, live petition with its count, goal and recent unconfirmed signatures.

    One query, however many petitions there are.
    """
    recent_unconfirmed = (
        Signature.objects.filter(
            action=OuterRef("pk"), confirmed_at__isnull=True, created_at__gte=since
        )
        .order_by()
        .values("action")
        .annotate(count=Count("pk"))
        .values("count")
    )
    now = timezone.now()
    return (
        petitions()
        .live()
        .filter(Q(deadline__isnull=True) | Q(deadline__gt=now))
        .order_by("deadline", "title", "pk")
        .values("pk", "title", "goal", "deadline")
        .annotate(
            confirmed=Coalesce(F("tally__signatures"), Value(0)),
            recent_unconfirmed=Coalesce(
                Subquery(recent_unconfirmed, output_field=IntegerField()), Value(0)
            ),
        )
    )


class PetitionCountsPanel(Component):
    name = "petition_counts"
    template_name = "campaigns/admin/petition_counts_panel.html"
    order = 160  # below the comments awaiting moderation (150)

    def __init__(self, request, viewset):
        self.request = request
        self.viewset = viewset

    def get_context_data(self, parent_context):
        list_url = reverse(self.viewset.get_url_name("index"))
        can_export = can_export_signatures(self.request.user)
        export_url_name = self.viewset.get_url_name("export")
        rows = list(open_petition_counts(timezone.now() - datetime.timedelta(days=RECENT_DAYS)))
        for row in rows:
            row["list_url"] = f"{list_url}?action={row['pk']}"
            if can_export:
                row["export_url"] = reverse(export_url_name, args=(row["pk"],))
        return {"petitions": rows, "recent_days": RECENT_DAYS, "list_url": list_url}


# --- registration -----------------------------------------------------------------------


class ExportSignaturesFormatter(LogFormatter):
    label = _("Export signatures")

    def format_message(self, log_entry):
        rows = (log_entry.data or {}).get("rows")
        if rows is None:
            return _("Exported the confirmed signatures")
        return _("Exported %(rows)s confirmed signatures") % {"rows": rows}


def register_log_actions(actions):
    actions.register_action(EXPORT_ACTION)(ExportSignaturesFormatter)
    actions.register_action(
        DELETE_ACTION, _("Delete a signature"), _("Deleted a signature at its owner's request")
    )


signature_viewset = SignatureViewSet("signatures")


def add_petition_counts_panel(request, panels):
    if can_view_signatures(request.user):
        panels.append(PetitionCountsPanel(request, signature_viewset))


# The policy first, or Wagtail would create its default one for the viewset.
register_permission_policy(Signature, signature_permission_policy)
hooks.register("register_admin_viewset", lambda: signature_viewset)
hooks.register("register_log_actions", register_log_actions)
hooks.register("construct_homepage_panels", add_petition_counts_panel)
