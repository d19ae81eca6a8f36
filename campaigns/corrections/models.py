"""Corrections of a case's facts, made in public, and readers' reports of inaccuracies.

- `CaseCorrection` is a child of the case page (like its charges and restrictions): it is
  part of the page's revision, so a corrected fact and the note that explains it are
  reviewed, published and translated together, never one without the other. Which facts
  were corrected, the date and the source's address are shared by every language; the
  reason and the source's title are translated.
- `InaccuracyReport` is what a reader sent with "Report an inaccuracy": supporter data,
  seen by Editors only, its contact details removed after the retention period.
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.models import Orderable, TranslatableMixin
from wagtail_localize.fields import TranslatableField

from home.models import shared_facts

from .fields import CorrectedFact, CorrectedFactsField, SourceURLField


class CaseCorrection(TranslatableMixin, Orderable):
    """A public correction of a published case: which facts were wrong, why, and the
    source that shows the right ones. Listed on the case and on /corrections/."""

    page = ParentalKey("campaigns.CasePage", on_delete=models.CASCADE, related_name="corrections")
    date = models.DateField(
        _("date"),
        default=timezone.localdate,
        help_text=_("When the correction was made (usually today)."),
    )
    facts = CorrectedFactsField(
        _("what was corrected"),
        blank=True,
        help_text=_(
            "Leave empty to fill in from the facts you changed in this edit; tick “Other” "
            "for a fact that is not listed and name it in the reason."
        ),
    )
    reason = models.TextField(
        _("reason"),
        max_length=600,
        help_text=_(
            "What was wrong and what is right now, plainly: e.g. “An earlier version said "
            "he was imprisoned in 2002; he was pardoned and released in May 2003.”"
        ),
    )
    source_url = SourceURLField(
        _("source link"),
        max_length=500,
        help_text=_("Required: the address of the report, ruling or statement that shows it."),
        error_messages={
            "blank": _("A correction without a source is not accepted: give the source's link.")
        },
    )
    source_title = models.CharField(
        _("source title"),
        max_length=255,
        help_text=_("e.g. “RFE/RL, 16 May 2003”."),
        error_messages={"blank": _("Give the source's title, as readers will see it.")},
    )

    translatable_fields = [
        *shared_facts("date", "facts", "source_url"),
        TranslatableField("reason"),
        TranslatableField("source_title"),
    ]

    panels = [
        FieldRowPanel([FieldPanel("date"), FieldPanel("facts")]),
        FieldPanel("reason"),
        FieldRowPanel([FieldPanel("source_url"), FieldPanel("source_title")]),
    ]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("correction")
        verbose_name_plural = _("corrections")

    def __str__(self):
        return f"{self.date:%Y-%m-%d} {self.facts_display}"

    @property
    def fact_labels(self):
        """The corrected facts in the reader's language: ["arrest date", "sentence"]."""
        return CorrectedFact.labels_of(self.facts)

    @property
    def facts_display(self):
        return ", ".join(str(label) for label in self.fact_labels)

    @property
    def anchor(self):
        """The same in every language, like an update's permalink."""
        return f"correction-{self.translation_key.hex[:12]}"

    def clean(self):
        super().clean()
        if self.date and self.date > timezone.localdate() + datetime.timedelta(days=1):
            raise ValidationError({"date": _("A correction cannot be dated in the future.")})


class ReportStatus(models.TextChoices):
    RECEIVED = "received", _("Received")
    CHECKED = "checked", _("Checked")
    CORRECTED = "corrected", _("Corrected")
    DECLINED = "declined", _("Declined")


OPEN_STATUSES = (ReportStatus.RECEIVED, ReportStatus.CHECKED)
CLOSED_STATUSES = (ReportStatus.CORRECTED, ReportStatus.DECLINED)


class InaccuracyReportQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status__in=OPEN_STATUSES)


class InaccuracyReport(models.Model):
    """A reader's report that a case page is wrong. Editors check it, then close it as
    corrected (linking the correction it led to) or declined. The reporter's name and
    email are supporter data: never public, removed after the retention period."""

    case = models.ForeignKey(
        "campaigns.CasePage",
        on_delete=models.CASCADE,
        related_name="inaccuracy_reports",
        verbose_name=_("case"),
    )
    what_is_wrong = models.TextField(_("what is wrong"), max_length=3000)
    suggested_source = models.URLField(_("suggested source"), max_length=500, blank=True)
    reporter_name = models.CharField(_("reporter's name"), max_length=80, blank=True)
    reporter_email = models.EmailField(_("reporter's email"), max_length=254, blank=True)
    language = models.CharField(
        _("language"), max_length=10, choices=settings.LANGUAGES, default="en"
    )
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=ReportStatus.choices,
        default=ReportStatus.RECEIVED,
        db_index=True,
    )
    editor_note = models.TextField(
        _("editor's note"),
        blank=True,
        help_text=_("For the team only: what you checked and what you decided."),
    )
    correction = models.ForeignKey(
        CaseCorrection,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reports",
        verbose_name=_("correction it led to"),
        help_text=_("When the report led to a correction, choose it here."),
    )
    created_at = models.DateTimeField(_("received"), default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True, db_index=True)

    objects = InaccuracyReportQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("inaccuracy report")
        verbose_name_plural = _("inaccuracy reports")

    def __str__(self):
        return _("Report on %(case)s, %(date)s") % {
            "case": self.case.person_name if self.case_id else "?",
            "date": self.created_at.strftime("%Y-%m-%d"),
        }

    def save(self, *args, **kwargs):
        # Closing starts the retention clock of the reporter's details; reopening stops it.
        if self.is_open:
            self.closed_at = None
        elif self.closed_at is None:
            self.closed_at = timezone.now()
        super().save(*args, **kwargs)

    @property
    def is_open(self):
        return self.status in OPEN_STATUSES

    def clean(self):
        super().clean()
        if self.correction_id and self.correction.page.translation_key != getattr(
            self.case, "translation_key", None
        ):
            raise ValidationError(
                {"correction": _("Choose a correction of the case this report is about.")}
            )
        if self.status == ReportStatus.CORRECTED and not self.correction_id:
            raise ValidationError(
                {"correction": _("A report closed as corrected names the correction it led to.")}
            )
