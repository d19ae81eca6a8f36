"""Cases of political prisoners: one page per person, with dated updates and charges."""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.text import get_text_list
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.images import get_image_model
from wagtail.models import Orderable, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from campaigns.cases.fragments import page_fragment_context
from campaigns.hearings.calendar import case_calendar
from home.blocks import RICH_TEXT_FEATURES, BodyBlock, SourceBlock
from home.cache import public_cache
from home.i18n import for_reader, translation_keys
from home.models import BasePage, shared_facts
from home.page_forms import SitePageForm
from home.restrictions import RestrictedPageManager, RestrictedPageQuerySet

from .choices import (
    DETAINED_STATUSES,
    RESTRICTION_PHRASES,
    CaseRole,
    CaseStatus,
    CodeEdition,
    Country,
    RestrictionKind,
)
from .feeds import CaseUpdatesFeed
from .recognitions import recognitions_prefetch, with_organisations


def sources_field(**kwargs):
    return StreamField([("source", SourceBlock())], blank=True, **kwargs)


def duration_text(start, end):
    """“3 years, 2 months” between two dates, in whole months."""
    months = (end.year - start.year) * 12 + end.month - start.month - (end.day < start.day)
    years, months = divmod(max(months, 0), 12)
    parts = []
    if years:
        parts.append(ngettext("%(count)d year", "%(count)d years", years) % {"count": years})
    if months or not years:
        parts.append(ngettext("%(count)d month", "%(count)d months", months) % {"count": months})
    return ", ".join(parts)


CARD_PHOTO = "fill-160x160"


def in_force_q(today=None, prefix=""):
    """Restrictions in force on `today`: begun, and without an end or not yet ended.
    `prefix` reaches them from another model, e.g. "restrictions__"."""
    today = today or timezone.localdate()
    return models.Q(**{f"{prefix}starts__lte": today}) & (
        models.Q(**{f"{prefix}ends__isnull": True}) | models.Q(**{f"{prefix}ends__gte": today})
    )


def has_restrictions_in_force(today=None):
    """An expression, true for a case with at least one restriction in force (one
    subquery of the case's own query, so a list of cases costs no query more)."""
    return models.Exists(
        CaseRestriction.objects.filter(in_force_q(today), page=models.OuterRef("pk"))
    )


def for_cards(cases):
    """`cases` ready for cards: bodies deferred, latest update dated, restrictions in
    force flagged, photos joined, their renditions and the recognitions prefetched: three
    queries whatever the number of cases."""
    renditions = get_image_model().get_rendition_model().objects.filter(filter_spec=CARD_PHOTO)
    return (
        cases.defer_streamfields()
        .annotate(
            latest_update_date=models.Max("updates__date"),
            restricted=has_restrictions_in_force(),
        )
        .select_related("photo")
        .prefetch_related(
            # Where Wagtail's prefetch_renditions() puts them: get_rendition() looks there.
            models.Prefetch(
                "photo__renditions", queryset=renditions, to_attr="prefetched_renditions"
            ),
            recognitions_prefetch(),
        )
    )


def chosen_cases(relation):
    """The live, public cases of a page's "related cases", by name.

    `relation.all()` is a subquery on the saved relation (one query in all), or, in a
    preview, the unsaved choice held in memory, which has no `.live()` of its own.
    """
    keys = translation_keys(relation.all())
    return list(
        for_reader(CasePage.objects.filter(translation_key__in=keys))
        .live()
        .public()
        .defer_streamfields()
        .order_by("person_name")
    )


class CasePageForm(SitePageForm):
    """The person's name is typed once: left empty, it is the page title.

    Features add their own checks of a case as it is saved through the
    "clean_case_page_form" hook: `check(form, cleaned_data)` adds its errors to the form
    (e.g. campaigns.corrections: a fact of a published case never changes silently)."""

    fact_change_is_news = forms.BooleanField(
        label=_("This change is news, not a correction"),
        required=False,
        help_text=_(
            "Tick when the facts you changed report something that happened (and you do not "
            "add an update for it), not a mistake corrected."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        name = self.fields["person_name"]
        name.required = False
        name.help_text = _(
            "Full name as the person uses it, e.g. “Vladimir Kozlov”. Leave empty when it is "
            "the page title."
        )

    def clean(self):
        cleaned_data = super().clean()
        if not cleaned_data.get("person_name") and cleaned_data.get("title"):
            cleaned_data["person_name"] = cleaned_data["title"]
        for check in hooks.get_hooks("clean_case_page_form"):
            check(self, cleaned_data)
        return cleaned_data


class CaseQuerySet(RestrictedPageQuerySet):
    def currently_detained(self):
        """Cases whose person the state holds now: in pre-trial detention, in prison or under
        house arrest. The one definition of "currently detained": every counter uses it."""
        return self.filter(current_status__in=DETAINED_STATUSES)


class CasePage(RoutablePageMixin, BasePage):
    """One person's case: who they are, what happened, where they are now, with sources.

    The status shown is the latest update's new status when an update sets one,
    else the status entered on the case itself.
    """

    credited_image_fields = ("photo",)
    base_form_class = CasePageForm

    person_name = models.CharField(
        _("person's name"),
        max_length=200,
        help_text=_("Full name as the person uses it, e.g. “Vladimir Kozlov”."),
    )
    photo = models.ForeignKey(
        "home.CustomImage",
        verbose_name=_("photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("A portrait the person or family agreed to publish; fill in its credit."),
    )
    status = models.CharField(
        _("status"),
        max_length=32,
        choices=CaseStatus.choices,
        help_text=_("The status when the case was entered. Later changes go in updates."),
    )
    current_status = models.CharField(
        _("current status"),
        max_length=32,
        choices=CaseStatus.choices,
        editable=False,
        db_index=True,
    )
    country = models.CharField(
        _("country"),
        max_length=2,
        choices=Country.choices,
        default=Country.KAZAKHSTAN,
        help_text=_("The country that prosecutes or holds the person."),
    )
    region = models.CharField(
        _("region or city"),
        max_length=100,
        blank=True,
        help_text=_("e.g. “Almaty”."),
    )
    role = models.CharField(_("role"), max_length=32, choices=CaseRole.choices)
    arrest_date = models.DateField(_("arrest date"), null=True, blank=True)
    sentence_date = models.DateField(_("sentence date"), null=True, blank=True)
    release_date = models.DateField(_("release date"), null=True, blank=True)
    expected_release_date = models.DateField(_("expected release"), null=True, blank=True)
    sentence = models.CharField(
        _("sentence"),
        max_length=200,
        blank=True,
        help_text=_("As the court gave it, e.g. “7 years 6 months, confiscation of property”."),
    )
    place_of_detention = models.CharField(
        _("place of detention"),
        max_length=200,
        blank=True,
        help_text=_("e.g. “Colony LA-155/14, Zarechnoye, Almaty region”."),
    )
    postal_address = models.TextField(
        _("postal address"),
        max_length=600,
        blank=True,
        help_text=_("Where supporters can write, one line per line of the envelope."),
    )
    letters_reach_them = models.BooleanField(
        _("letters reach them"),
        default=False,
        help_text=_("Tick only when you know letters to this address are delivered."),
    )
    summary = models.TextField(
        _("summary"),
        max_length=800,
        help_text=_("Two or three sentences: who they are and why they are held."),
    )
    body = StreamField(BodyBlock(), verbose_name=_("the story"), blank=True)
    sources = sources_field(verbose_name=_("sources"))
    last_verified = models.DateField(
        _("last verified"),
        null=True,
        blank=True,
        help_text=_("When someone last checked every fact on this page."),
    )
    related_campaign = models.ForeignKey(
        "campaigns.CampaignPage",
        verbose_name=_("campaign"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="cases",
        help_text=_("The campaign this case belongs to; it is listed on that page."),
    )
    is_fictional = models.BooleanField(
        _("fictional (demo) case"),
        default=False,
        db_index=True,
        help_text=_(
            "Tick only for a case invented to show or try out the site. It is labelled as "
            "fiction on its page, its cards and in the exports, and listed after real cases."
        ),
    )

    objects = RestrictedPageManager.from_queryset(CaseQuerySet)()

    # Facts are one set for every language: edited on the English page and copied to each
    # translation when it is synced, never edited per language (not even by mistake: they
    # cannot be overridden in the translation editor). Prose is translated. The place of
    # detention, the region and the postal address are copied too, but a translator may
    # give their local spelling.
    override_translatable_fields = BasePage.override_translatable_fields + [
        *shared_facts(
            "status",
            "country",
            "role",
            "arrest_date",
            "sentence_date",
            "release_date",
            "expected_release_date",
            "sources",
            "last_verified",
            "letters_reach_them",
            "is_fictional",
            "photo",
            "related_campaign",
        ),
        SynchronizedField("region"),
        SynchronizedField("place_of_detention"),
        SynchronizedField("postal_address"),
    ]

    route_select_related = ("photo",)
    parent_page_types = ["campaigns.CaseIndexPage"]
    subpage_types = []

    search_fields = BasePage.search_fields + [
        index.SearchField("person_name", boost=3),
        index.AutocompleteField("person_name"),
        index.SearchField("summary"),
        index.SearchField("place_of_detention"),
        index.SearchField("body"),
        index.FilterField("current_status"),
        index.FilterField("country"),
        index.FilterField("role"),
        index.FilterField("arrest_date"),
        index.FilterField("is_fictional"),
    ]

    content_panels = BasePage.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("person_name"),
                FieldPanel("photo"),
                FieldRowPanel([FieldPanel("status"), FieldPanel("role")]),
                FieldRowPanel([FieldPanel("country"), FieldPanel("region")]),
                FieldPanel("summary"),
            ],
            heading=_("The person"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("arrest_date"), FieldPanel("sentence_date")]),
                FieldRowPanel([FieldPanel("release_date"), FieldPanel("expected_release_date")]),
                FieldPanel("sentence"),
            ],
            heading=_("Dates and sentence"),
        ),
        InlinePanel("charges", label=_("Charges"), heading=_("Charges")),
        InlinePanel(
            "restrictions",
            label=_("Restriction"),
            heading=_("Restrictions after release"),
            help_text=_(
                "What the person may still not do after release, or while out of custody: a "
                "travel ban, supervision, a ban on public activity, frozen accounts. Add one "
                "row per restriction, with the date it began, the date it ends (leave empty "
                "when no end is known) and a link to the source that reports it: a "
                "restriction without a source is refused. Restrictions in force are shown "
                "in the case's status line and on its card."
            ),
        ),
        InlinePanel(
            "hearings",
            label=_("Hearing"),
            heading=_("Court hearings"),
            help_text=_(
                "Each hearing of the case: the day and time as the court's clock shows them, "
                "the court's time zone, the court and the city. Upcoming hearings are shown at "
                "the top of the case page and at /hearings/, past ones in its timeline, and "
                "calendars subscribed to the case's hearings.ics follow every change. Adding "
                "a hearing or changing its date or time emails the case's followers when you "
                "publish. To cancel a hearing, change its status: do not delete it."
            ),
        ),
        InlinePanel(
            "recognitions",
            label=_("Recognition"),
            heading=_("Recognised as"),
            help_text=_(
                "Which organisations recognise the person as a political prisoner, a "
                "prisoner of conscience or arbitrarily detained: one row per organisation "
                "and designation, with the link to where it says so (a recognition without "
                "a source is refused). Shown in the facts box and on the case's card."
            ),
        ),
        MultiFieldPanel(
            [
                FieldPanel("place_of_detention"),
                FieldPanel("postal_address"),
                FieldPanel("letters_reach_them"),
            ],
            heading=_("Detention and letters"),
        ),
        InlinePanel("updates", label=_("Update"), heading=_("Updates, newest first")),
        MultiFieldPanel(
            [
                InlinePanel("corrections", label=_("Correction")),
                FieldPanel("fact_change_is_news"),
            ],
            heading=_("Corrections"),
            help_text=_(
                "When you change a fact of a published case (status, dates, charges, sentence, "
                "place of detention), say why in public: add a correction with its reason and "
                "source, or add an update if it is news. Corrections are listed on the case "
                "and on /corrections/."
            ),
        ),
        FieldPanel("body"),
        FieldPanel("sources"),
        FieldRowPanel([FieldPanel("last_verified"), FieldPanel("related_campaign")]),
        FieldPanel("is_fictional"),
    ]

    class Meta:
        verbose_name = _("case")
        verbose_name_plural = _("cases")

    def clean(self):
        super().clean()
        errors = {}
        if self.arrest_date:
            for field in ("sentence_date", "release_date", "expected_release_date"):
                value = getattr(self, field)
                if value and value < self.arrest_date:
                    errors[field] = _("This date is before the arrest (%(date)s).") % {
                        "date": self.arrest_date.strftime("%d %b %Y")
                    }
        if self.sentence_date and self.release_date and self.release_date < self.sentence_date:
            errors.setdefault("release_date", _("The release is before the sentence."))
        today = timezone.localdate()
        for field in ("arrest_date", "sentence_date", "release_date", "last_verified"):
            value = getattr(self, field)
            if value and value > today:
                errors.setdefault(field, _("This date is in the future."))
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        self.current_status = self.compute_current_status()
        if not self.title:
            self.title = self.person_name
        super().save(*args, **kwargs)

    def compute_current_status(self):
        """The latest update's new status, or the case's own status."""
        dated = [update for update in self.updates.all() if update.new_status]
        if dated:
            return max(dated, key=lambda update: (update.date, update.pk or 0)).new_status
        return self.status

    @property
    def is_detained(self):
        return self.current_status in DETAINED_STATUSES

    @cached_property
    def ordered_updates(self):
        return sorted(self.updates.all(), key=lambda u: (u.date, u.pk or 0), reverse=True)

    @cached_property
    def ordered_restrictions(self):
        """The restrictions, the longest-standing first (one query, or none if
        prefetched)."""
        return sorted(self.restrictions.all(), key=lambda r: (r.starts, r.sort_order or 0))

    @cached_property
    def ordered_recognitions(self):
        """The recognitions with their organisations (one query, or none if prefetched)."""
        return with_organisations(self)

    def restrictions_by_time(self, today=None):
        """{"in_force": [...], "upcoming": [...], "past": [...]} on `today`."""
        today = today or timezone.localdate()
        groups = {"in_force": [], "upcoming": [], "past": []}
        for restriction in self.ordered_restrictions:
            if restriction.starts > today:
                groups["upcoming"].append(restriction)
            elif restriction.ends and restriction.ends < today:
                groups["past"].append(restriction)
            else:
                groups["in_force"].append(restriction)
        return groups

    @cached_property
    def grouped_restrictions(self):
        return self.restrictions_by_time()

    @property
    def restrictions_in_force(self):
        return self.grouped_restrictions["in_force"]

    def status_line(self, today=None):
        """The status in words, with the restrictions in force: “Released, under a travel
        ban and a ban on public activity until 17 August 2026”."""
        status = str(self.get_current_status_display())
        in_force = self.restrictions_by_time(today)["in_force"]
        if not in_force:
            return status
        by_end = {}
        for restriction in in_force:
            phrase = str(RESTRICTION_PHRASES[restriction.kind])
            if phrase not in by_end.setdefault(restriction.ends, []):
                by_end[restriction.ends].append(phrase)
        # Restrictions ending on the same day share one “until”; those without an end last.
        parts = []
        for ends in sorted(by_end, key=lambda day: (day is None, day or datetime.date.min)):
            phrases = get_text_list(by_end[ends], gettext("and"))
            if ends:
                phrases = gettext("%(restrictions)s until %(date)s") % {
                    "restrictions": phrases,
                    "date": date_format(ends, "DATE_FORMAT"),
                }
            parts.append(phrases)
        return gettext("%(status)s, under %(restrictions)s") % {
            "status": status,
            "restrictions": get_text_list(parts, gettext("and")),
        }

    @property
    def current_status_line(self):
        return self.status_line()

    def time_in_detention(self, today=None):
        """How long the person has been or was held, from the arrest to release (or today)."""
        if not self.arrest_date:
            return ""
        end = self.release_date or (today or timezone.localdate())
        if not self.release_date and not self.is_detained:
            return ""
        return duration_text(self.arrest_date, end)

    @property
    def initials(self):
        """Up to two initials (first and last name) for the no-photo mark; words that do
        not start with a letter, such as “(fictional)”, are skipped."""
        words = [word for word in self.person_name.split() if word[:1].isalpha()]
        return "".join(word[0] for word in (words[:1] + words[1:][-1:])).upper()

    @property
    def days_in_detention(self):
        """Days since the arrest of a person held now (None otherwise): the figure a card
        shows, counted on the day the page is built."""
        if not (self.arrest_date and self.is_detained):
            return None
        return (timezone.localdate() - self.arrest_date).days

    @public_cache
    def serve(self, request, *args, **kwargs):
        return super().serve(request, *args, **kwargs)

    @path("feed/", name="feed")
    def feed(self, request):
        return CaseUpdatesFeed(self, CaseUpdate.objects.filter(page=self), case=self)(request)

    @path("hearings.ics/", name="hearings_ics")
    def hearings_ics(self, request):
        return case_calendar(self, request)

    def get_cached_paths(self):
        return ["/", "feed/", "hearings.ics"]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # A tracked report (campaigns.corrections), in the reader's language.
        context["report_url"] = reverse("inaccuracy_report", args=[self.pk]) if self.pk else ""
        context.update(page_fragment_context(request, self))
        context["blog_posts"] = []
        if self.pk:  # not in a preview of a page not yet saved
            # Posts about this case in any language, each in the reader's where translated.
            posts = CasePage.blog_posts.rel.related_model.objects.filter(
                related_cases__translation_key=self.translation_key
            )
            context["blog_posts"] = (
                for_reader(posts).live().public().defer_streamfields().order_by("-date")[:5]
            )
        return context


def charge_text(article, code, description):
    """“Art. 174(2) (Criminal Code of Kazakhstan (2014)): inciting discord”: a charge as
    pages and exports write it, `code` being the code's name in the active language."""
    return gettext("Art. %(article)s (%(code)s): %(description)s") % {
        "article": article,
        "code": code,
        "description": description,
    }


class CaseCharge(TranslatableMixin, Orderable):
    """One charge: the article and the edition of the code it belongs to.

    The article and the code are facts shared by every language; the description is
    translated.
    """

    page = ParentalKey(CasePage, on_delete=models.CASCADE, related_name="charges")
    article = models.CharField(
        _("article"),
        max_length=40,
        help_text=_("e.g. “174(2)” for Article 174, part 2."),
    )
    code_edition = models.CharField(
        _("code"),
        max_length=16,
        choices=CodeEdition.choices,
        help_text=_(
            "Which country's code the article belongs to; for Kazakhstan, which edition: "
            "the numbering changed in 2014."
        ),
    )
    description = models.CharField(
        _("description"),
        max_length=200,
        help_text=_("e.g. “inciting social discord”."),
    )

    translatable_fields = [
        SynchronizedField("article", overridable=False),
        SynchronizedField("code_edition", overridable=False),
        TranslatableField("description"),
    ]

    panels = [
        FieldRowPanel([FieldPanel("article"), FieldPanel("code_edition")]),
        FieldPanel("description"),
    ]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("charge")
        verbose_name_plural = _("charges")

    def __str__(self):
        return charge_text(self.article, self.get_code_edition_display(), self.description)


class CaseRestriction(TranslatableMixin, Orderable):
    """A restriction a person lives under after release (or out of custody): a travel
    ban, supervision, a ban on public activity, frozen assets. Every one has a source.

    The kind, the dates and the source's address are facts shared by every language; the
    note and the source's title are translated.
    """

    page = ParentalKey(CasePage, on_delete=models.CASCADE, related_name="restrictions")
    kind = models.CharField(_("kind"), max_length=32, choices=RestrictionKind.choices)
    starts = models.DateField(_("from"), help_text=_("When the restriction began."))
    ends = models.DateField(
        _("until"),
        null=True,
        blank=True,
        help_text=_("When it ends. Leave empty when no end date is known."),
    )
    note = models.CharField(
        _("note"),
        max_length=200,
        blank=True,
        help_text=_("Optional, short: e.g. “7 years”, “as part of the plea deal”."),
    )
    source_url = models.URLField(
        _("source link"),
        max_length=500,
        help_text=_("Required: the address of a report, ruling or statement that says so."),
        error_messages={"blank": _("Every restriction needs a source: give its link.")},
    )
    source_title = models.CharField(
        _("source title"),
        max_length=255,
        help_text=_("e.g. “Amnesty International, Urgent Action 046/19”."),
    )

    translatable_fields = [
        *shared_facts("kind", "starts", "ends", "source_url"),
        TranslatableField("note"),
        TranslatableField("source_title"),
    ]

    panels = [
        FieldRowPanel([FieldPanel("kind"), FieldPanel("starts"), FieldPanel("ends")]),
        FieldPanel("note"),
        FieldRowPanel([FieldPanel("source_url"), FieldPanel("source_title")]),
    ]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("restriction")
        verbose_name_plural = _("restrictions")

    def __str__(self):
        return f"{self.get_kind_display()} {self.period_code}"

    @property
    def period_code(self):
        """“2019-08-17–2026-08-17”, or “2019-08-17–” without an end."""
        starts = self.starts.isoformat() if self.starts else ""
        return f"{starts}–{self.ends.isoformat() if self.ends else ''}"

    def is_in_force(self, today=None):
        today = today or timezone.localdate()
        return self.starts <= today and (self.ends is None or self.ends >= today)

    def clean(self):
        super().clean()
        if self.starts and self.ends and self.ends < self.starts:
            raise ValidationError(
                {
                    "ends": _("The restriction cannot end before it begins (%(date)s).")
                    % {"date": date_format(self.starts, "DATE_FORMAT")}
                }
            )


class CaseUpdate(TranslatableMixin, models.Model):
    """A dated event in a case: a hearing, a verdict, a transfer, a release.

    An update and its translations share a `translation_key`: its date, new status and
    sources are copied from the English update, its title and text are translated, and its
    permalink (`anchor`) is the same in every language.
    """

    page = ParentalKey(CasePage, on_delete=models.CASCADE, related_name="updates")
    date = models.DateField(_("date"), help_text=_("When it happened, not when you wrote it."))
    title = models.CharField(_("title"), max_length=200)
    body = RichTextField(_("what happened"), features=RICH_TEXT_FEATURES, blank=True)
    new_status = models.CharField(
        _("new status"),
        max_length=32,
        choices=CaseStatus.choices,
        blank=True,
        help_text=_("Set only when this event changed the person's status."),
    )
    sources = sources_field(verbose_name=_("sources"))

    translatable_fields = [
        SynchronizedField("date", overridable=False),
        SynchronizedField("new_status", overridable=False),
        SynchronizedField("sources", overridable=False),
        TranslatableField("title"),
        TranslatableField("body"),
    ]

    panels = [
        FieldRowPanel([FieldPanel("date"), FieldPanel("new_status")]),
        FieldPanel("title"),
        FieldPanel("body"),
        FieldPanel("sources"),
    ]

    class Meta(TranslatableMixin.Meta):
        ordering = ["-date", "-pk"]
        verbose_name = _("update")
        verbose_name_plural = _("updates")

    def __str__(self):
        return f"{self.date:%Y-%m-%d} {self.title}"

    def get_absolute_url(self):
        return f"{self.page.url}#{self.anchor}"

    @property
    def anchor(self):
        """The same in every language: /ru/cases/x/#update-… is /cases/x/#update-…."""
        return f"update-{self.translation_key.hex[:12]}"

    def clean(self):
        super().clean()
        if self.date and self.date > timezone.localdate() + datetime.timedelta(days=1):
            raise ValidationError({"date": _("An update cannot be dated in the future.")})
