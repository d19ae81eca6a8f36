"""Corrections in the admin: the rule on the case form, the "Inaccuracy reports" listing
and the dashboard's count of open reports.

Reports hold supporter data (a reporter's name and email): only Editors (and superusers)
see them, through the model's view and change permissions (granted to Editors by
campaigns/migrations/0017_corrections.py; see campaigns.access.roles). Campaigners and
the Supporter data role do not: checking facts is an editor's job.
"""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from campaigns.cases.models import CasePage
from campaigns.supporters.admin import SupporterDataPermissionPolicy

from .facts import check_fact_changes, missing_correction_message, silent_fact_changes
from .models import CaseCorrection, InaccuracyReport, ReportStatus

report_permission_policy = SupporterDataPermissionPolicy(
    InaccuracyReport, allowed={"view", "change", "delete"}
)
register_permission_policy(InaccuracyReport, report_permission_policy)


def can_view_reports(user):
    return user.is_active and report_permission_policy.user_has_permission(user, "view")


# --- the rule on the case form ------------------------------------------------------------


@hooks.register("clean_case_page_form")
def corrections_rule(form, cleaned_data):
    check_fact_changes(form, cleaned_data)


@hooks.register("before_bulk_action")
def refuse_silent_bulk_publish(request, action_type, objects, action_class_instance):
    """Publishing drafts from a listing skips the case form: refuse it for a live case
    whose draft changes facts without a correction or news (it may be published from its
    editor, where the form says what to add)."""
    if action_type != "publish":
        return None
    for page in objects:
        page = page.specific
        if not isinstance(page, CasePage) or not page.live or not page.has_unpublished_changes:
            continue
        draft = page.get_latest_revision_as_object()
        changed = silent_fact_changes(page, draft)
        if changed:
            messages.error(
                request,
                _("“%(case)s” was not published: %(problem)s")
                % {"case": page.title, "problem": missing_correction_message(changed)},
            )
            return redirect(reverse("wagtailadmin_pages:edit", args=(page.pk,)))
    return None


# --- the reports ----------------------------------------------------------------------------


class InaccuracyReportAdminForm(WagtailAdminModelForm):
    """An editor closes a report: its status, a note, and the correction it led to (one of
    its case's corrections, in any language)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("correction")
        if field is not None and self.instance.case_id:
            field.queryset = CaseCorrection.objects.filter(
                page__translation_key=self.instance.case.translation_key,
                locale_id=self.instance.case.locale_id,
            ).order_by("-date")
            field.label_from_instance = str
        for name in ("what_is_wrong", "suggested_source", "reporter_name", "reporter_email"):
            if name in self.fields:
                self.fields[name].required = False


class InaccuracyReportViewSet(ModelViewSet):
    """Admin menu "Inaccuracy reports": what readers reported, newest first."""

    model = InaccuracyReport
    icon = "warning"
    menu_label = _("Inaccuracy reports")
    menu_name = "inaccuracy_reports"
    menu_order = 115  # below Cases
    add_to_admin_menu = True
    add_to_reference_index = False
    copy_view_enabled = False
    inspect_view_enabled = False
    search_backend_name = None
    search_fields = ["what_is_wrong"]
    list_filter = ["status", "language"]
    list_per_page = 50
    ordering = ["-created_at", "-pk"]
    list_display = [
        "case",  # first: linked to the report's edit view
        Column("status", label=_("Status"), accessor="get_status_display"),
        Column("language", label=_("Language"), accessor="get_language_display"),
        DateColumn("created_at", label=_("Received")),
    ]
    list_export = []
    form_class = InaccuracyReportAdminForm
    panels = [
        MultiFieldPanel(
            [
                FieldPanel("case", read_only=True),
                FieldPanel("what_is_wrong", read_only=True),
                FieldPanel("suggested_source", read_only=True),
                FieldRowPanel(
                    [
                        FieldPanel("reporter_name", read_only=True),
                        FieldPanel("reporter_email", read_only=True),
                    ]
                ),
                FieldRowPanel(
                    [
                        FieldPanel("language", read_only=True),
                        FieldPanel("created_at", read_only=True),
                    ]
                ),
            ],
            heading=_("The report"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("status"),
                FieldPanel("correction"),
                FieldPanel("editor_note"),
            ],
            heading=_("What the team did"),
            help_text=_(
                "Received → checked → corrected (choose the correction, added on the case page "
                "first) or declined. The reporter's name and email are removed some time "
                "after the report is closed."
            ),
        ),
    ]

    def get_queryset(self, request):
        return InaccuracyReport.objects.select_related("case")

    def get_common_view_kwargs(self, **kwargs):
        return super().get_common_view_kwargs(**{"add_url_name": None, **kwargs})


inaccuracy_report_viewset = InaccuracyReportViewSet("inaccuracy_reports")


@hooks.register("register_admin_viewset")
def register_inaccuracy_reports():
    return inaccuracy_report_viewset


# --- the dashboard ---------------------------------------------------------------------------


class OpenReportsPanel(Component):
    name = "open_inaccuracy_reports"
    template_name = "campaigns/corrections/admin/open_reports_panel.html"
    order = 175  # below "Cases to re-check" (170)

    def get_context_data(self, parent_context):
        return {
            "total": InaccuracyReport.objects.open().count(),
            "listing_url": reverse("inaccuracy_reports:index")
            + f"?status={ReportStatus.RECEIVED}",
            "all_url": reverse("inaccuracy_reports:index"),
        }


@hooks.register("construct_homepage_panels")
def add_open_reports_panel(request, panels):
    if can_view_reports(request.user):
        panels.append(OpenReportsPanel())
