"""The list of cases at /cases/: filters, counters, a chart, feeds and open data."""

from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.db import models
from django.db.models import Count, F, Q
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
        context = super().get_context(request, *args, **kwargs)
        cases = self.cases()
        by_year = self.counts_by_year_and_status(cases)
        years = sorted({year for year, _status in by_year}, reverse=True)

        form = CaseFilterForm(
            request.GET,
            years=years,
            organisations=recognising_organisations(cases),
            campaigns=campaigns_for_reader(),
        )
        values, _ignored = form.filters()
        selected = cases.filter(filter_q(values))
        if values.get("q"):
            selected = selected.filter(text_search_q(values["q"]))
        ordering = [
            F(field[1:]).desc(nulls_last=True) if field.startswith("-") else F(field).asc()
            for field in SORTS[values["sort"]][1]
        ]
        selected = for_cards(selected).order_by(*ordering, "pk")

        paginator = Paginator(selected, CASES_PER_PAGE)
        page_obj = paginator.get_page(request.GET.get("page"))

        active = {
            key: value
            for key, value in values.items()
            if value not in (None, "") and not (key == "sort" and value == "updated")
        }
        chart_years = every_year(years)
        context.update(
            form=form,
            messages_for_reader=form.messages(),
            cases_page=page_obj,
            paginator=paginator,
            filter_query=urlencode(active),
            is_filtered=bool(set(active) - {"sort"}),
            counters=self.counters(cases),
            **self.arrests_chart(request, cases, by_year, chart_years),
            feed_url=self.url + "feed/",
        )
        return context

    def arrests_chart(self, request, cases, by_year, years):
        """The arrests chart, split by current status, or with `?chart=recognition` by
        whether an organisation recognises the person (one query more, only then). `chart`
        is the wide drawing (its legend and table serve every layout); `chart_layouts` are
        all its drawings, for the template."""
        if request.GET.get("chart") == "recognition":
            layouts = chart_layouts(
                counts_by_year_and_recognition(cases), years, RECOGNITION_SERIES
            )
            split = "recognition"
        else:
            layouts = chart_layouts(by_year, years, list(CaseStatus.choices))
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
