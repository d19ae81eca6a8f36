"""The datasets /open-data/ publishes, and how each becomes a CSV or JSON file.

A dataset is declared by its slug, title, formats and the dotted path of the module that
provides it. That module (owned by its feature) exposes:

- `COLUMNS`: [(name, description), ...], the column documentation shown on /open-data/
  and written into each JSON file;
- `rows(language_code)`: the rows, as dicts keyed by column name, with texts in that
  language (each item in English where it is not translated);
- optionally `version()`: a short value that changes whenever the rows could (a count and
  a latest change, say). A file built from an older version is rebuilt when asked for.

Modules are named, not imported here, so open data depends on no feature: a feature not
built yet (its module missing) is left out with a warning in the log, and the rest works.
Only public fields belong in a dataset: no supporter, follower or signer data, ever.
"""

import csv
import importlib
import io
import json
import logging
from dataclasses import dataclass

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import translation
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from home.csv import csv_safe

from .models import FileFormat

logger = logging.getLogger(__name__)

LICENCE = "CC BY 4.0"
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"


@dataclass(frozen=True)
class Dataset:
    slug: str
    title: str
    module_path: str
    formats: tuple = (FileFormat.CSV, FileFormat.JSON)

    @cached_property
    def module(self):
        """The providing module, or None (logged) when that feature does not exist yet."""
        try:
            return importlib.import_module(self.module_path)
        except ModuleNotFoundError as error:
            # Only the module (or its package) missing means "not built yet"; a module that
            # exists but fails to import something else is a bug to see.
            if error.name and f"{self.module_path}.".startswith(f"{error.name}."):
                logger.warning(
                    "Open data: dataset %r skipped, its module %s does not exist",
                    self.slug,
                    self.module_path,
                )
                return None
            raise

    @property
    def columns(self):
        return list(self.module.COLUMNS)

    def version(self):
        """What the source data looks like now; "" when the module cannot tell."""
        provider = getattr(self.module, "version", None)
        return str(provider()) if provider else ""

    def rows(self, language):
        with translation.override(language):
            return list(self.module.rows(language))

    def render(self, language):
        """{format: bytes} of this dataset in `language`, from one pass over its rows."""
        rows = self.rows(language)
        renderers = {FileFormat.CSV: self.csv_bytes, FileFormat.JSON: self.json_bytes}
        return {fmt: renderers[fmt](rows, language) for fmt in self.formats}

    def csv_bytes(self, rows, language):
        names = [name for name, _doc in self.columns]
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow(names)
        for row in rows:
            writer.writerow([csv_safe(row.get(name, "")) for name in names])
        return buffer.getvalue().encode()

    def json_bytes(self, rows, language):
        """The rows with their documentation. No build time in it: the same data gives the
        same bytes, so an unchanged dataset keeps its checksum from one day to the next.

        The bytes are those of json.dumps(..., indent=1) over the whole document, but the
        rows are encoded one by one (json_row), most by the C encoder, which json.dumps
        leaves out whenever it indents."""
        with translation.override(language):
            title = str(self.title)
        head = {
            "dataset": self.slug,
            "title": title,
            "language": language,
            "licence": LICENCE,
            "licence_url": LICENCE_URL,
            "columns": dict(self.columns),
        }
        text = json.dumps(head, cls=DjangoJSONEncoder, ensure_ascii=False, indent=1)
        listing = "[\n  " + ",\n  ".join(map(json_row, rows)) + "\n ]" if rows else "[]"
        key = json.dumps(self.slug, ensure_ascii=False)
        # The rows go last: in place of the head's closing "\n}".
        return f"{text[:-2]},\n {key}: {listing}\n}}\n".encode()


# A row of plain values, as json.dumps(indent=1) writes it inside the document's list (two
# levels down): each item on its own line, three spaces in.
FLAT_ROW = DjangoJSONEncoder(ensure_ascii=False, separators=(",\n   ", ": "))
FLAT_VALUES = (str, int, float, bool, type(None))


def json_row(row):
    """One row of the JSON file's list, two levels of indent=1 down."""
    if row and all(type(value) in FLAT_VALUES for value in row.values()):
        return "{\n   " + FLAT_ROW.encode(row)[1:-1] + "\n  }"
    # Anything else (a list, a date, an empty row) through the indenting encoder: JSON text
    # holds no raw newline but between items, so each line moves two spaces in.
    text = json.dumps(row, cls=DjangoJSONEncoder, ensure_ascii=False, indent=1)
    return text.replace("\n", "\n  ")


DATASETS = [
    Dataset("cases", _("Cases"), "campaigns.cases.open_data"),
    Dataset("hearings", _("Court hearings"), "campaigns.hearings.open_data"),
    Dataset("corrections", _("Corrections"), "campaigns.corrections.open_data"),
]


def available():
    """The declared datasets whose module exists, in the order above."""
    return [dataset for dataset in DATASETS if dataset.module is not None]


def get(slug):
    """The available dataset called `slug`, or None."""
    return next((dataset for dataset in available() if dataset.slug == slug), None)


def languages():
    """The languages every dataset is published in (the site's content languages)."""
    return [code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES]
