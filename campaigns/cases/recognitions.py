"""Who recognises a person as a political prisoner: the recognising organisations, each
case's sourced recognitions, and the queries the case index, cards and exports use.

Readers and sceptics ask “says who?”: every recognition names the organisation, what it
called the person, when, and links to where it said so. The organisation is one record
shared by every case and language (its slug is the `?recognised_by=` filter); its name is
stored in each language beside it, so a translated case needs no translated organisation.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.forms.formsets import DELETION_FIELD_NAME
from django.utils import timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.models import Orderable, TranslatableMixin
from wagtail.snippets.models import register_snippet
from wagtail_localize.fields import TranslatableField

from home.models import shared_facts


class Designation(models.TextChoices):
    """What the organisation called the person (or found about their detention)."""

    POLITICAL_PRISONER = "political-prisoner", _("Political prisoner")
    PRISONER_OF_CONSCIENCE = "prisoner-of-conscience", _("Prisoner of conscience")
    ARBITRARY_DETENTION = "arbitrary-detention", _("Arbitrarily detained (UN WGAD opinion)")
    POLITICALLY_MOTIVATED = (
        "politically-motivated-prosecution",
        _("Politically motivated prosecution"),
    )


# The field holding the organisation's name in each language; English is `name`.
NAME_FIELDS = {"en": "name", "ru": "name_ru", "kk": "name_kk"}


@register_snippet
class Organisation(models.Model):
    """A body that recognises people as political prisoners, prisoners of conscience or
    arbitrarily detained: Amnesty International, the UN Working Group on Arbitrary
    Detention… Editors keep the list under Snippets; campaigners pick from it in a case."""

    slug = models.SlugField(
        _("slug"),
        max_length=80,
        unique=True,
        help_text=_(
            "Short name in the address of the filtered case list, e.g. "
            "“amnesty-international” gives /cases/?recognised_by=amnesty-international. "
            "Do not change it once published: links and open data use it."
        ),
    )
    name = models.CharField(
        _("name (English)"), max_length=200, help_text=_("e.g. “Amnesty International”.")
    )
    name_ru = models.CharField(
        _("name (Russian)"),
        max_length=200,
        blank=True,
        help_text=_("Leave empty to show the English name on Russian pages."),
    )
    name_kk = models.CharField(
        _("name (Kazakh)"),
        max_length=200,
        blank=True,
        help_text=_("Leave empty to show the English name on Kazakh pages."),
    )
    website = models.URLField(_("website"), max_length=300, blank=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        MultiFieldPanel(
            [FieldPanel("name_ru"), FieldPanel("name_kk")], heading=_("Name in other languages")
        ),
        FieldPanel("website"),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("recognising organisation")
        verbose_name_plural = _("recognising organisations")

    def __str__(self):
        return self.local_name

    @property
    def name_language(self):
        """The language the reader sees the name in: theirs, or English as a fallback."""
        language = translation.get_language() or settings.LANGUAGE_CODE
        field = NAME_FIELDS.get(language)
        return language if field and getattr(self, field) else settings.LANGUAGE_CODE

    @property
    def local_name(self):
        return getattr(self, NAME_FIELDS[self.name_language]) or self.name


class Recognition(TranslatableMixin, Orderable):
    """One organisation's recognition of the person, with the source that says so.

    The organisation, designation, date and source link are facts shared by every
    language; the note and the source's title are translated.
    """

    page = ParentalKey("campaigns.CasePage", on_delete=models.CASCADE, related_name="recognitions")
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="recognitions",
        help_text=_("Missing from the list? An editor adds it under Snippets."),
    )
    designation = models.CharField(_("designation"), max_length=40, choices=Designation.choices)
    date = models.DateField(
        _("date"),
        null=True,
        blank=True,
        help_text=_(
            "When the organisation said so. Leave empty when the source gives no exact day, "
            "and say what it gives (a month, a year) in the note."
        ),
    )
    note = models.CharField(
        _("note"),
        max_length=200,
        blank=True,
        help_text=_("Optional, short: e.g. “opinion adopted in 2020”."),
    )
    source_url = models.URLField(
        _("source link"),
        max_length=500,
        help_text=_("Required: the address of the statement, report or opinion that says so."),
        error_messages={"blank": _("Every recognition needs a source: give its link.")},
    )
    source_title = models.CharField(
        _("source title"),
        max_length=255,
        help_text=_("e.g. “Amnesty International, Urgent Action 046/19”."),
        error_messages={"blank": _("Give the source a title readers will recognise.")},
    )

    translatable_fields = [
        *shared_facts("organisation", "designation", "date", "source_url"),
        TranslatableField("note"),
        TranslatableField("source_title"),
    ]

    panels = [
        FieldRowPanel([FieldPanel("organisation"), FieldPanel("designation"), FieldPanel("date")]),
        FieldPanel("note"),
        FieldRowPanel([FieldPanel("source_url"), FieldPanel("source_title")]),
    ]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("recognition")
        verbose_name_plural = _("recognitions")

    def __str__(self):
        return gettext("%(designation)s (%(organisation)s)") % {
            "designation": self.get_designation_display(),
            "organisation": self.organisation,
        }

    @property
    def code(self):
        """“amnesty-international:prisoner-of-conscience:2019-08-19”, the date empty when
        unknown: how the exports write it."""
        date = self.date.isoformat() if self.date else ""
        return f"{self.organisation.slug}:{self.designation}:{date}"

    def clean(self):
        super().clean()
        if self.date and self.date > timezone.localdate():
            raise ValidationError({"date": _("A recognition cannot be dated in the future.")})


# --- the case editor ------------------------------------------------------------------


def refuse_duplicate_recognitions(formset):
    """Mark every row of the case editor's recognitions that repeats an earlier one (the
    same organisation and designation) and say so; rows being deleted do not count.

    Checked on the form, not by a database constraint: the editor may delete a row and add
    the same one back in one save, and the rows are written before the deletions.
    """
    if formset is None:
        return False
    seen = set()
    found = False
    for form in formset.forms:
        if not form.is_valid() or form.cleaned_data.get(DELETION_FIELD_NAME):
            continue
        key = (form.cleaned_data.get("organisation"), form.cleaned_data.get("designation"))
        if None in key or "" in key:
            continue
        if key in seen:
            form.add_error(
                "designation",
                _("%(organisation)s already recognises this person as “%(designation)s”.")
                % {"organisation": key[0], "designation": Designation(key[1]).label},
            )
            found = True
        seen.add(key)
    return found


@hooks.register("clean_case_page_form")
def check_recognitions(form, cleaned_data):
    """The case editor's check (see CasePageForm): no recognition twice."""
    if refuse_duplicate_recognitions(form.formsets.get("recognitions")):
        form.add_error(
            None,
            _("The same recognition is listed twice under “Recognised as”: remove one."),
        )


# --- queries --------------------------------------------------------------------------


def recognitions_prefetch():
    """The recognitions of a list of cases, with their organisations, in one query."""
    return models.Prefetch(
        "recognitions", queryset=Recognition.objects.select_related("organisation")
    )


def with_organisations(case):
    """A case's recognitions in order, organisations included (one query; none when the
    case came with `recognitions_prefetch()`; in a preview, the unsaved rows)."""
    if "recognitions" in getattr(case, "_prefetched_objects_cache", {}):
        return list(case.recognitions.all())
    return list(case.recognitions.select_related("organisation"))


def recognising_organisations(cases):
    """The organisations that recognise at least one of `cases`, by name in the reader's
    language (one query; a handful of rows, sorted here for the reader's language)."""
    found = Organisation.objects.filter(recognitions__page__in=cases.values("pk")).distinct()
    return sorted(found, key=lambda organisation: organisation.local_name.casefold())


def recognised_by_q(slug):
    """Cases that an organisation (by slug) recognises, for a case queryset's filter."""
    return models.Q(pk__in=Recognition.objects.filter(organisation__slug=slug).values("page"))


def is_recognised():
    """An expression, true for a case with at least one recognition (a subquery of the
    case's own query, so counting costs no query more)."""
    return models.Exists(Recognition.objects.filter(page=models.OuterRef("pk")))


# --- the chart split --------------------------------------------------------------------

RECOGNISED = "recognised"
NOT_RECOGNISED = "not-recognised"
RECOGNITION_SERIES = [
    (RECOGNISED, _("Recognised by at least one organisation")),
    (NOT_RECOGNISED, _("No recognition listed")),
]


def counts_by_year_and_recognition(cases):
    """{(year of arrest, "recognised" | "not-recognised"): number of cases}, one query."""
    rows = (
        cases.filter(arrest_date__isnull=False)
        .annotate(recognised=is_recognised())
        .values_list("arrest_date__year", "recognised")
        .annotate(n=models.Count("pk"))
        .order_by()
    )
    counts = {}
    for year, recognised, n in rows:
        key = (year, RECOGNISED if recognised else NOT_RECOGNISED)
        counts[key] = counts.get(key, 0) + n
    return counts
