"""Corrections as open data: one row per public correction, in one language.

`campaigns.opendata` publishes it as a dataset (CSV/JSON, checksums, signatures) from
`COLUMNS` and `rows(language_code)`. Readers' inaccuracy reports are supporter data and
are never part of it.
"""

from django.utils import translation

from campaigns.cases.models import CasePage
from campaigns.opendata.versions import pages_version

from .queries import public_corrections

COLUMNS = [
    ("case_slug", "The case's address on the site: /cases/<case_slug>/."),
    ("case_name", "The person's name, as the case page gives it in this language."),
    ("date", "When the correction was made (YYYY-MM-DD)."),
    (
        "facts_corrected",
        "The facts corrected, as codes separated by “;”: status, arrest_date, sentence_date, "
        "release_date, expected_release_date, charges, sentence, place_of_detention, other.",
    ),
    ("reason", "What was wrong and what is right, in this language where translated."),
    ("source_url", "The address of the source that shows the corrected fact."),
    ("source_title", "The source's title, in this language where translated."),
    ("permalink", "The correction's address on its case page."),
]


def rows(language_code):
    """Every public correction (live, public cases), newest first, as dicts keyed by the
    names in `COLUMNS`, with texts in `language_code` where translated. One query."""
    with translation.override(language_code):
        for correction in public_corrections():
            page = correction.page
            yield {
                "case_slug": page.slug,
                "case_name": page.person_name,
                "date": correction.date.isoformat(),
                "facts_corrected": correction.facts.replace(",", ";"),
                "reason": correction.reason,
                "source_url": correction.source_url,
                "source_title": correction.source_title,
                "permalink": f"{page.full_url}#{correction.anchor}",
            }


def version():
    """The corrections change only with a publication of their case: the cases' version."""
    return pages_version(CasePage)
