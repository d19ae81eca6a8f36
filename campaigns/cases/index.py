"""The list of cases at /cases/: filters, counters, a chart, feeds and open data."""

from functools import partial
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.db import models
from django.db.models import Count, F, Q
from django.utils.functional import SimpleLazyObject, cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.fields import StreamField

from campaigns.opendata.serving import serve_current
from campaigns.related import campaigns_for_reader
from home.blocks import BodyBlock
from home.cache import public_cache, shared_cache
from home.i18n import children_for_reader
from home.models import BasePage

from .charts import chart_layouts, every_year
from .choices import CaseStatus
from .feeds import CaseUpdatesFeed
from .filters import SORTS, CaseFilterForm, filter_q, text_search_q
from .fragments import kept, listing_fragment_context, page_fragment_context
from .models import CasePage, CaseUpdate, for_cards
from .recognitions import (
    RECOGNITION_SERIES,
    counts_by_year_and_recognition,
    is_recognised,
    recognising_organisations,
)

CASES_PER_PAGE = 12


class CaseIndexPage(RoutablePageMixin, BasePage):
    """The list of all cases, with filters, live counters, a chart, feeds and exports."""

    intro = models.TextField(
        _("introduction"),
        max_length=600,
        blank=True,
        help_text=_("Shown above the counters: who is listed here and how cases are chosen."),
    )
    body = StreamField(
        BodyBlock(),
        verbose_name=_("below the list"),
        blank=True,
        help_text=_("Methodology, definitions and sources, shown under the list."),
    )

    parent_page_types = ["home.HomePage"]
    subpage_types = ["campaigns.CasePage"]
    max_count_per_parent = 1

    content_panels = BasePage.content_panels + [FieldPanel("intro"), FieldPanel("body")]

    class Meta:
        verbose_name = _("case index")
        verbose_name_plural = _("case indexes")

    # --- querysets ----------------------------------------------------------

    def cases(self):
        """Every live, public case under this index, in the reader's language where it is
        translated (the others in English): each case once, so the counts and the list
        are the same in every language."""
        return children_for_reader(self, CasePage.objects.live().public())

    def counters(self, cases):
        """The figures above the list. They count every case here, in every country and
        campaign, and say so (a campaign page counts only its own), and how many of them a
        demo invented."""
        detained = Q(pk__in=cases.currently_detained().values("pk"))
        fictional = Q(is_fictional=True)
        return cases.aggregate(
            total=Count("pk"),
            fictional=Count("pk", filter=fictional),
            detained=Count("pk", filter=detained),
            detained_fictional=Count("pk", filter=detained & fictional),
            recognised=Count("pk", filter=Q(is_recognised())),
        )

    def counts_by_year_and_status(self, cases):
        rows = (
            cases.filter(arrest_date__isnull=False)
            .values_list("arrest_date__year", "current_status")
            .annotate(n=Count("pk"))
            .order_by()
        )
        return {(year, status): n for year, status, n in rows}

    # --- views --------------------------------------------------------------

    def get_context(self, request, *args, **kwargs):
        """The page between the site's header and footer is one fragment per filter set
        (campaigns.cases.fragments), drawn afresh for a search (a visitor's words are not
        kept); its values are read only when it is drawn."""
        context = super().get_context(request, *args, **kwargs)
        summary_key = page_fragment_context(request, self)["fragment_key"]
        context.update(listing_fragment_context(request, self, LISTING_PARAMETERS))
        context.update(CaseListing(self, request, summary_key).lazy_context())
        context["feed_url"] = self.get_url(request) + "feed/"
        return context

    def summary(self, cases):
        """What every filter set of the list shares: the counters, the arrests by year
        (by status and by recognition) and the filters' choices, as plain values."""
        return {
            "counters": self.counters(cases),
            "by_year": self.counts_by_year_and_status(cases),
            "by_recognition": counts_by_year_and_recognition(cases),
            "organisations": [
                (organisation.slug, organisation.local_name)
                for organisation in recognising_organisations(cases)
            ],
            "campaigns": [(campaign.slug, campaign.title) for campaign in campaigns_for_reader()],
        }

    def arrests_chart(self, request, summary, years):
        """The arrests chart, split by current status, or with `?chart=recognition` by
        whether an organisation recognises the person. `chart` is the wide drawing (its
        legend and table serve every layout); `chart_layouts` are all its drawings, for the
        template."""
        if request.GET.get("chart") == "recognition":
            layouts = chart_layouts(summary["by_recognition"], years, RECOGNITION_SERIES)
            split = "recognition"
        else:
            layouts = chart_layouts(summary["by_year"], years, list(CaseStatus.choices))
            split = "status"
        return {"chart": layouts[0], "chart_layouts": layouts, "chart_split": split}

    @public_cache
    def serve(self, request, *args, **kwargs):
        return super().serve(request, *args, **kwargs)

    @path("feed/", name="feed")
    def feed(self, request):
        updates = CaseUpdate.objects.filter(page__in=self.cases().values("pk"))
        return shared_cache(CaseUpdatesFeed(self, updates))(request)

    @re_path(r"^export\.(?P<fmt>csv|json)(?P<signature>\.sig)?/$", name="export")
    def export(self, request, fmt, signature=""):
        """Every public case as open data in the reader's language: the latest stored file
        (or its detached signature), checksummed and signed (campaigns.opendata)."""
        return shared_cache(lambda r: serve_current(r, "cases", fmt, bool(signature)))(request)

    def get_cached_paths(self):
        exports = ["export.csv", "export.json"]
        return ["/", "feed/", *exports, *(f"{name}.sig" for name in exports)]


# The query-string parameters the list depends on: the filters, the page and the chart.
LISTING_PARAMETERS = (*CaseFilterForm.base_fields, "page", "chart")


class CaseListing:
    """The filtered list, counters and chart of a case index for one request, each read
    from the database the first time it is needed: when the fragment that shows them is
    drawn, never when it comes from the cache."""

    def __init__(self, index, request, summary_key=None):
        self.index, self.request, self.summary_key = index, request, summary_key

    def lazy_context(self):
        names = (
            "form",
            "messages_for_reader",
            "cases_page",
            "paginator",
            "filter_query",
            "is_filtered",
            "counters",
            "chart",
            "chart_layouts",
            "chart_split",
        )
        return {name: SimpleLazyObject(partial(getattr, self, name)) for name in names}

    @cached_property
    def cases(self):
        return self.index.cases()

    @cached_property
    def summary(self):
        """CaseIndexPage.summary, kept in the cache under the page's fragment key (none:
        read afresh), so that a search, drawn afresh, costs only its own list."""
        return kept(self.summary_key, "case-index-summary", lambda: self.index.summary(self.cases))

    @cached_property
    def years(self):
        return sorted({year for year, _status in self.summary["by_year"]}, reverse=True)

    @cached_property
    def form(self):
        return CaseFilterForm(
            self.request.GET,
            years=self.years,
            organisations=self.summary["organisations"],
            campaigns=self.summary["campaigns"],
        )

    @cached_property
    def values(self):
        return self.form.filters()[0]

    @property
    def messages_for_reader(self):
        return self.form.messages()

    @cached_property
    def active(self):
        """The filters in force, as they go in links (the default sort left out)."""
        return {
            key: value
            for key, value in self.values.items()
            if value not in (None, "") and not (key == "sort" and value == "updated")
        }

    @property
    def filter_query(self):
        return urlencode(self.active)

    @property
    def is_filtered(self):
        return bool(set(self.active) - {"sort"})

    @cached_property
    def paginator(self):
        values = self.values
        selected = self.cases.filter(filter_q(values))
        if values.get("q"):
            selected = selected.filter(text_search_q(values["q"]))
        ordering = [
            F(field[1:]).desc(nulls_last=True) if field.startswith("-") else F(field).asc()
            for field in SORTS[values["sort"]][1]
        ]
        return Paginator(for_cards(selected).order_by(*ordering, "pk"), CASES_PER_PAGE)

    @cached_property
    def cases_page(self):
        return self.paginator.get_page(self.request.GET.get("page"))

    @property
    def counters(self):
        return self.summary["counters"]

    @cached_property
    def drawn_chart(self):
        return self.index.arrests_chart(self.request, self.summary, every_year(self.years))

    @property
    def chart(self):
        return self.drawn_chart["chart"]

    @property
    def chart_layouts(self):
        return self.drawn_chart["chart_layouts"]

    @property
    def chart_split(self):
        return self.drawn_chart["chart_split"]
