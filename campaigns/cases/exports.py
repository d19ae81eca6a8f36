"""Open data: every public case as one row, public fields only.

The columns are documented here, on /open-data/ and in the JSON file itself; the files
(CSV and JSON, signed, one per language) are made and served by campaigns.opendata from
these rows (campaigns/cases/open_data.py). Nothing about supporters or followers is ever
part of a case.
"""

from collections import defaultdict
from functools import cache
from types import SimpleNamespace

from django.conf import settings
from django.db.models import OuterRef, Subquery
from django.utils import timezone, translation

from home.i18n import language_code

from .choices import CaseStatus, CodeEdition, RestrictionKind
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


def export_queryset(cases):
    latest = CaseUpdate.objects.filter(page=OuterRef("pk")).order_by("-date", "-pk")
    return (
        cases.defer_streamfields()
        .annotate(
            latest_update_date=Subquery(latest.values("date")[:1]),
            latest_update_title=Subquery(latest.values("title")[:1]),
        )
        .order_by("person_name", "pk")
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
    """{case id: [row, ...]} in the rows' order."""
    grouped = defaultdict(list)
    for row in rows:
        grouped[row.page_id].append(row)
    return grouped


def case_rows(cases, request=None):
    """One row per case, read in four queries whatever the number of cases: the cases
    with their latest update, then their charges, restrictions and recognitions (grouped
    here rather than prefetched: a prefetch builds a queryset for each case)."""
    today = timezone.localdate()
    # Wagtail keeps the sites' root paths on the object it is given as the request: one
    # cache read for every row, not one per case (a plain object when there is no request).
    urls = request or SimpleNamespace()
    selected = cases.values("pk")
    charges = by_case(CaseCharge.objects.filter(page__in=selected))
    restrictions = by_case(CaseRestriction.objects.filter(page__in=selected))
    recognitions = by_case(
        Recognition.objects.filter(page__in=selected).select_related("organisation")
    )
    for case in export_queryset(cases):
        language = language_code(case.locale_id) or settings.LANGUAGE_CODE
        editions = choice_labels(CodeEdition, language)
        with translation.override(language):
            charge_texts = [
                charge_text(charge.article, editions[charge.code_edition], charge.description)
                for charge in charges[case.pk]
            ]
        # The longest-standing first, as on the case page (CasePage.ordered_restrictions).
        case_restrictions = sorted(
            restrictions[case.pk], key=lambda r: (r.starts, r.sort_order or 0)
        )
        case_recognitions = recognitions[case.pk]
        yield {
            "slug": case.slug,
            "language": language,
            "url": case.get_full_url(urls),
            "name": case.person_name,
            "status": case.current_status,
            "status_label": choice_labels(CaseStatus, language)[case.current_status],
            "detained": case.is_detained,
            "country": case.country,
            "region": case.region,
            "role": case.role,
            "arrest_date": iso(case.arrest_date),
            "sentence_date": iso(case.sentence_date),
            "release_date": iso(case.release_date),
            "expected_release_date": iso(case.expected_release_date),
            "sentence": case.sentence,
            "place_of_detention": case.place_of_detention,
            "charges": "; ".join(charge_texts),
            "restrictions": "; ".join(f"{r.kind} {r.period_code}" for r in case_restrictions),
            "restricted": any(r.is_in_force(today) for r in case_restrictions),
            "recognitions": "; ".join(r.code for r in case_recognitions),
            "recognised_by": "; ".join(sorted({r.organisation.slug for r in case_recognitions})),
            "latest_update_date": iso(case.latest_update_date),
            "latest_update_title": case.latest_update_title or "",
            "last_verified": iso(case.last_verified),
            "fictional": case.is_fictional,
        }


__all__ = ["COLUMNS", "case_rows"]
