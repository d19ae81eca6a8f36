"""The cases as an open-data set (campaigns.opendata): the export's columns and rows of every
live, public case, in one language."""

from campaigns.opendata.versions import pages_version
from home.i18n import for_reader

from .exports import COLUMNS, case_rows
from .models import CasePage

__all__ = ["COLUMNS", "rows", "version"]


def rows(language_code):
    """Each live, public case once, in `language_code` where it is translated, else in
    English (the caller activates the language)."""
    return case_rows(for_reader(CasePage.objects.live().public()))


def version():
    """Changes whenever a case (or a translation) is published, unpublished or deleted, or
    a view restriction changes."""
    return pages_version(CasePage)
