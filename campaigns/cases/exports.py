"""Open data: every public case as one row, public fields only.

The columns are documented here, on /open-data/ and in the JSON file itself; the files
(CSV and JSON, signed, one per language) are made and served by campaigns.opendata from
these rows (campaigns/cases/open_data.py). Nothing about supporters or followers is ever
part of a case.
"""

import re
from collections import defaultdict
from functools import cache
from types import SimpleNamespace
from urllib.parse import quote

from django.conf import settings
from django.db.models import OuterRef, Subquery
from django.utils import timezone, translation
from django.utils.http import RFC3986_SUBDELIMS
from wagtail.coreutils import WAGTAIL_APPEND_SLASH
from wagtail.models import Page

from home.i18n import language_code

from .choices import DETAINED_STATUSES, CaseStatus, CodeEdition, RestrictionKind
from .models import CaseCharge, CaseRestriction, CaseUpdate, charge_text
from .recognitions import Designation, Recognition

COLUMNS = [
    (
        "slug",
        "Stable identifier, the same in every language; the case page is /cases/<slug>/ "
        "(/ru/cases/<slug>/ in Russian, /kk/cases/<slug>/ in Kazakh).",
    ),
    (
        "language",
        "Language of this row's texts (name, labels, sentence, charges' descriptions): "
        "en, ru or kk. /ru/cases/export.csv gives each case in Russian where it is "
        "translated, else in English. Every other column is the same in every language.",
    ),
    ("url", "Address of the case page."),
    ("name", "The person's name."),
    (
        "status",
        "Current status code: "
        + ", ".join(
            [
                "pre-trial-detention",
                "imprisoned",
                "house-arrest",
                "restricted-freedom",
                "released",
                "in-exile",
                "convicted-in-absentia",
                "deceased",
            ]
        )
        + ".",
    ),
    ("status_label", "Current status in words, in the row's language."),
    (
        "detained",
        "true when the status means the person is held (pre-trial detention, "
        "imprisoned, house arrest).",
    ),
    ("country", "ISO 3166-1 alpha-2 code of the prosecuting country."),
    ("region", "Region or city."),
    ("role", "Role code, e.g. journalist, activist, opposition-politician."),
    ("arrest_date", "YYYY-MM-DD, empty if unknown."),
    ("sentence_date", "YYYY-MM-DD, empty if none."),
    ("release_date", "YYYY-MM-DD, empty if not released."),
    ("expected_release_date", "YYYY-MM-DD, empty if unknown."),
    ("sentence", "The sentence as the court gave it."),
    ("place_of_detention", "Where the person is or was held."),
    (
        "charges",
        "Charges separated by “; ”, each “Art. <article> (<code>): <description>”, where "
        "<code> names the country's code, e.g. “Criminal Code of Kazakhstan (2014)” or "
        "“Criminal Code of Kyrgyzstan”.",
    ),
    (
        "restrictions",
        "Restrictions after release separated by “; ”, each “<kind> <from>–<until>”, dates "
        "YYYY-MM-DD, <until> empty when no end is known. Kinds: "
        + ", ".join(RestrictionKind.values)
        + ". E.g. “travel-ban 2019-08-17–; public-activity-ban 2019-08-17–2026-08-17”.",
    ),
    (
        "restricted",
        "true when at least one restriction is in force on the day of the export (begun, "
        "and not ended).",
    ),
    (
        "recognitions",
        "Who recognises the person, separated by “; ”, each “<organisation>:<designation>:"
        "<date>”: the organisation's slug (as in /cases/?recognised_by=<slug>), the "
        "designation code, the date YYYY-MM-DD (empty when the source gives no exact day). "
        "Designations: "
        + ", ".join(Designation.values)
        + ". E.g. “amnesty-international:prisoner-of-conscience:; "
        "un-wgad:arbitrary-detention:”. Each has a source, linked on the case page.",
    ),
    (
        "recognised_by",
        "The slugs of the organisations that recognise the person, separated by “; ”, "
        "in alphabetical order, each once; empty when none is listed.",
    ),
    ("latest_update_date", "Date of the most recent update, YYYY-MM-DD."),
    ("latest_update_title", "Title of the most recent update."),
    ("last_verified", "When the facts were last checked, YYYY-MM-DD."),
    (
        "fictional",
        "true for a case invented to show how the site works (a demo): it describes no real "
        "person, so leave it out of any count.",
    ),
]


# The case fields a row is made of, read as plain values: no page instances, no StreamField.
CASE_FIELDS = [
    "pk",
    "slug",
    "url_path",
    "locale_id",
    "person_name",
    "current_status",
    "country",
    "region",
    "role",
    "arrest_date",
    "sentence_date",
    "release_date",
    "expected_release_date",
    "sentence",
    "place_of_detention",
    "last_verified",
    "is_fictional",
    "latest_update_date",
    "latest_update_title",
]


def export_queryset(cases):
    latest = CaseUpdate.objects.filter(page=OuterRef("pk")).order_by("-date", "-pk")
    return (
        cases.annotate(
            latest_update_date=Subquery(latest.values("date")[:1]),
            latest_update_title=Subquery(latest.values("title")[:1]),
        )
        .order_by("person_name", "pk")
        .values(*CASE_FIELDS)
    )


def iso(value):
    return value.isoformat() if value else ""


@cache
def choice_labels(choices, language):
    """{value: label} of `choices` in `language`: Django's get_FOO_display translates every
    choice of the field on each call, a thousand times over in an export."""
    with translation.override(language):
        return {value: str(label) for value, label in choices.choices}


def by_case(rows):
    """{case id: [row, ...]} of (case id, *values) rows, in the rows' order."""
    grouped = defaultdict(list)
    for case_id, *values in rows:
        grouped[case_id].append(values)
    return grouped


# What Wagtail's page route accepts as one segment, and how Django's reverse() quotes it.
SLUG_SEGMENT = re.compile(r"[\w\-]+")
REVERSE_SAFE = RFC3986_SUBDELIMS + "/~:@"


class PageUrls:
    """Page.get_full_url() of pages read as values (their url_path): Wagtail itself works out
    the address of each parent page once, and a child's is its parent's followed by its
    slug, quoted as reverse() quotes it. A thousand cases then cost a handful of reverse()
    calls and no page instances (a page built for its address costs more than its row)."""

    def __init__(self, cache_object=None):
        # Wagtail keeps the sites' root paths on the object it is given: one cache read.
        self.cache_object = cache_object or SimpleNamespace()
        self.parents = {}
        self.root_paths = None

    def full_url(self, url_path):
        parent_path, _slash, slug = url_path.rstrip("/").rpartition("/")
        parent_path += "/"
        if parent_path not in self.parents:
            self.parents[parent_path] = self.wagtail_url(parent_path)
        parent_url = self.parents[parent_path]
        if not self.can_append(parent_url, url_path, slug):
            return self.wagtail_url(url_path)
        return parent_url + quote(slug, safe=REVERSE_SAFE) + "/"

    def wagtail_url(self, url_path):
        return Page(url_path=url_path).get_full_url(self.cache_object)

    def can_append(self, parent_url, url_path, slug):
        """Whether the child's address is its parent's plus the slug: both routable, with
        a trailing slash, and the child no site's root page itself."""
        if not (parent_url and parent_url.endswith("/") and WAGTAIL_APPEND_SLASH):
            return False
        if self.root_paths is None:
            roots = Page(url_path="/")._get_site_root_paths(self.cache_object)
            self.root_paths = {root.root_path for root in roots}
        return url_path not in self.root_paths and SLUG_SEGMENT.fullmatch(slug) is not None


def charge_texts(cases, charges):
    """{case id: [charge text, ...]} with each case's charges in the case's language, the
    language switched once per language rather than once per case."""
    by_language = defaultdict(list)
    for case in cases:
        by_language[case["language"]].append(case["pk"])
    texts = {}
    for language, case_ids in by_language.items():
        editions = choice_labels(CodeEdition, language)
        with translation.override(language):
            for case_id in case_ids:
                texts[case_id] = [
                    charge_text(article, editions[edition], description)
                    for article, edition, description in charges.get(case_id, ())
                ]
    return texts


def case_rows(cases, request=None):
    """One row per case, read in four queries whatever the number of cases: the cases
    (as values, with their latest update), then their charges, restrictions and
    recognitions, grouped here by case (a prefetch builds a queryset for each case)."""
    today = timezone.localdate()
    urls = PageUrls(request)
    selected = cases.values("pk")
    charges = by_case(
        CaseCharge.objects.filter(page__in=selected).values_list(
            "page_id", "article", "code_edition", "description"
        )
    )
    restrictions = by_case(
        CaseRestriction.objects.filter(page__in=selected).values_list(
            "page_id", "starts", "sort_order", "kind", "ends"
        )
    )
    recognitions = by_case(
        Recognition.objects.filter(page__in=selected).values_list(
            "page_id", "organisation__slug", "designation", "date"
        )
    )
    rows = list(export_queryset(cases))
    for case in rows:
        case["language"] = language_code(case["locale_id"]) or settings.LANGUAGE_CODE
    texts = charge_texts(rows, charges)
    for case in rows:
        pk, language = case["pk"], case["language"]
        # The longest-standing first, as on the case page (CasePage.ordered_restrictions);
        # each written as CaseRestriction.period_code writes it, in force as is_in_force says.
        case_restrictions = sorted(restrictions.get(pk, ()), key=lambda r: (r[0], r[1] or 0))
        # Each as Recognition.code writes it.
        case_recognitions = recognitions.get(pk, ())
        yield {
            "slug": case["slug"],
            "language": language,
            "url": urls.full_url(case["url_path"]),
            "name": case["person_name"],
            "status": case["current_status"],
            "status_label": choice_labels(CaseStatus, language)[case["current_status"]],
            "detained": case["current_status"] in DETAINED_STATUSES,
            "country": case["country"],
            "region": case["region"],
            "role": case["role"],
            "arrest_date": iso(case["arrest_date"]),
            "sentence_date": iso(case["sentence_date"]),
            "release_date": iso(case["release_date"]),
            "expected_release_date": iso(case["expected_release_date"]),
            "sentence": case["sentence"],
            "place_of_detention": case["place_of_detention"],
            "charges": "; ".join(texts[pk]),
            "restrictions": "; ".join(
                f"{kind} {iso(starts)}–{iso(ends)}"
                for starts, _order, kind, ends in case_restrictions
            ),
            "restricted": any(
                starts <= today and (ends is None or ends >= today)
                for starts, _order, _kind, ends in case_restrictions
            ),
            "recognitions": "; ".join(
                f"{slug}:{designation}:{iso(date)}"
                for slug, designation, date in case_recognitions
            ),
            "recognised_by": "; ".join(sorted({slug for slug, *_rest in case_recognitions})),
            "latest_update_date": iso(case["latest_update_date"]),
            "latest_update_title": case["latest_update_title"] or "",
            "last_verified": iso(case["last_verified"]),
            "fictional": case["is_fictional"],
        }


__all__ = ["COLUMNS", "case_rows"]
