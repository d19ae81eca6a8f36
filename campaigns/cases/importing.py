"""Import cases from a campaigners' spreadsheet saved as CSV.

Every row is checked before anything is written, with the same model rules as
the admin, so a file either imports whole or changes nothing. Cases are matched
to existing pages by slug under the case index: a match is updated, anything
else becomes a new page. `manage.py import_cases` is the front end; this module
prints nothing, so other callers (an admin view, a task) can reuse it.

A column left out of the file leaves that field of an existing case as it is;
an empty cell in a column that is there clears the field (or sets its default).
"""

import csv
import datetime
import functools
import io
import re
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.validators import MaxLengthValidator
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, override
from wagtail.models import ReferenceIndex
from wagtail.signal_handlers import disable_reference_index_auto_update

from .choices import CaseRole, CaseStatus, Country
from .index import CaseIndexPage
from .models import CasePage

# Column of the file -> field of CasePage, in the order the columns are documented.
COLUMNS = {
    "name": "person_name",
    "slug": "slug",
    "status": "status",
    "country": "country",
    "region": "region",
    "role": "role",
    "arrest_date": "arrest_date",
    "sentence_date": "sentence_date",
    "release_date": "release_date",
    "expected_release_date": "expected_release_date",
    "sentence": "sentence",
    "place_of_detention": "place_of_detention",
    "postal_address": "postal_address",
    "letters_reach_them": "letters_reach_them",
    "summary": "summary",
    "last_verified": "last_verified",
}
REQUIRED_COLUMNS = ("name", "status", "summary")
DATE_COLUMNS = (
    "arrest_date",
    "sentence_date",
    "release_date",
    "expected_release_date",
    "last_verified",
)
CHOICE_COLUMNS = {"status": CaseStatus, "role": CaseRole, "country": Country}
DEFAULTS = {"country": Country.KAZAKHSTAN, "role": CaseRole.OTHER, "letters_reach_them": False}
TRUE_WORDS = {"true", "yes", "1"}
FALSE_WORDS = {"false", "no", "0", ""}

# The page's title is the person's name: errors about it belong to the name column.
FIELD_COLUMNS = {field_name: column for column, field_name in COLUMNS.items()} | {"title": "name"}
# Everything else on the page (tree position, body, photo...) is not the file's business.
VALIDATED_FIELDS = set(COLUMNS.values()) | {"title"}

ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
DOTTED_DATE = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")
# 10/08/2012 is 10 August in Almaty and October 8 in a US-configured spreadsheet.
AMBIGUOUS_DATE = re.compile(r"^\d{1,2}[/-]\d{1,2}[/-]\d{2,4}$")


class ImportFileError(Exception):
    """The file as a whole cannot be imported: one line says why."""


@dataclass(frozen=True)
class RowError:
    row: int
    column: str | None
    message: str

    def __str__(self):
        if self.column:
            return _("row %(row)d, %(column)s: %(message)s") % {
                "row": self.row,
                "column": self.column,
                "message": self.message,
            }
        return _("row %(row)d: %(message)s") % {"row": self.row, "message": self.message}


@dataclass
class PlannedCase:
    row: int
    page: CasePage
    is_new: bool


@dataclass
class ImportPlan:
    """What a file would do: the pages to save, or the errors that stop it."""

    index: CaseIndexPage
    cases: list[PlannedCase] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)

    @property
    def created(self):
        return sum(1 for case in self.cases if case.is_new)

    @property
    def updated(self):
        return sum(1 for case in self.cases if not case.is_new)

    @property
    def rows_with_errors(self):
        return len({error.row for error in self.errors})


# --- reading the file ---------------------------------------------------------


def read_csv(path):
    """The header (column names) and the data rows as (row number, cells), blank rows left out.

    Row numbers are the ones a spreadsheet shows: the header is row 1.
    """
    try:
        with open(path, encoding="utf-8-sig", newline="") as file:
            text = file.read()
    except FileNotFoundError:
        raise ImportFileError(_("There is no file %(path)s.") % {"path": path}) from None
    except UnicodeDecodeError:
        raise ImportFileError(
            _("%(path)s is not UTF-8 text: in the spreadsheet, save it as “CSV UTF-8”.")
            % {"path": path}
        ) from None
    except OSError as error:
        raise ImportFileError(
            _("Cannot read %(path)s: %(reason)s.") % {"path": path, "reason": error.strerror}
        ) from None

    if not text.strip():
        raise ImportFileError(
            _("%(path)s is empty: it needs a header row and one row per case.") % {"path": path}
        )
    try:
        records = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter(text)))
    except csv.Error as error:
        raise ImportFileError(
            _("%(path)s is not a readable CSV file: %(reason)s.") % {"path": path, "reason": error}
        ) from None

    header = [normalise_column(name) for name in records[0]]
    check_header(header)
    rows = []
    for number, cells in enumerate(records[1:], start=2):
        if any(cell.strip() for cell in cells):
            rows.append((number, cells))
    if not rows:
        raise ImportFileError(
            _("%(path)s has a header but no cases: add one row per case below it.")
            % {"path": path}
        )
    return header, rows


def delimiter(text):
    """Spreadsheets set to Russian or Kazakh save CSV with semicolons."""
    first_line = text.split("\n", 1)[0]
    return max([",", ";", "\t"], key=first_line.count)


def normalise_column(name):
    """“Arrest date” and “arrest_date ” both mean arrest_date."""
    return re.sub(r"[\s-]+", "_", name.strip().lower())


def check_header(header):
    named = [name for name in header if name]
    unknown = [name for name in named if name not in COLUMNS]
    if unknown:
        raise ImportFileError(
            ngettext(
                "Unknown column %(unknown)s. The columns are: %(known)s.",
                "Unknown columns %(unknown)s. The columns are: %(known)s.",
                len(unknown),
            )
            % {"unknown": ", ".join(f"“{name}”" for name in unknown), "known": ", ".join(COLUMNS)}
        )
    repeated = sorted({name for name in named if named.count(name) > 1})
    if repeated:
        raise ImportFileError(
            _("The header has %(columns)s more than once: keep one of each.")
            % {"columns": ", ".join(f"“{name}”" for name in repeated)}
        )
    missing = [name for name in REQUIRED_COLUMNS if name not in named]
    if missing:
        raise ImportFileError(
            ngettext(
                "The header has no %(missing)s column, which is required.",
                "The header has no %(missing)s columns, which are required.",
                len(missing),
            )
            % {"missing": ", ".join(f"“{name}”" for name in missing)}
        )


# --- reading one cell ---------------------------------------------------------


def parse_date(text):
    if not text:
        return None
    if AMBIGUOUS_DATE.match(text):
        raise ValidationError(
            _(
                "“%(value)s” could mean two different days. "
                "Enter a date as YYYY-MM-DD, e.g. 2019-03-10."
            )
            % {"value": text}
        )
    if match := ISO_DATE.match(text):
        year, month, day = match.groups()
    elif match := DOTTED_DATE.match(text):
        day, month, year = match.groups()
    else:
        raise ValidationError(_("Enter a date as YYYY-MM-DD, e.g. 2019-03-10."))
    try:
        return datetime.date(int(year), int(month), int(day))
    except ValueError:
        raise ValidationError(_("“%(value)s” is not a real date.") % {"value": text}) from None


def parse_choice(text, choices):
    """A stored value (“imprisoned”) or its English label (“Imprisoned”), in any case."""
    wanted = text.casefold()
    with override("en"):
        for value, label in choices.choices:
            if wanted in (value.casefold(), str(label).casefold()):
                return value
    raise ValidationError(
        _("“%(value)s” is not one of: %(choices)s.")
        % {"value": text, "choices": ", ".join(choices.values)}
    )


def parse_bool(text):
    word = text.casefold()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise ValidationError(_("Enter true or false (yes/no and 1/0 work too)."))


def parse_cell(column, text):
    """The field's value for one cell; raises ValidationError with a message for editors."""
    if column in REQUIRED_COLUMNS and not text:
        raise ValidationError(_("This field is required."))
    if column in DATE_COLUMNS:
        return parse_date(text)
    if column == "letters_reach_them":
        return parse_bool(text)
    if column in CHOICE_COLUMNS:
        return parse_choice(text, CHOICE_COLUMNS[column]) if text else DEFAULTS[column]
    max_length = CasePage._meta.get_field(COLUMNS[column]).max_length
    if max_length:
        # A TextField's max_length binds only the admin's form, not the model: check it here.
        MaxLengthValidator(max_length)(text)
    return text


# --- planning -----------------------------------------------------------------


def find_case_index():
    indexes = list(CaseIndexPage.objects.order_by("path")[:2])
    if not indexes:
        raise ImportFileError(
            _("There is no case index page to import into: create the cases page in the admin.")
        )
    if len(indexes) > 1:
        raise ImportFileError(
            _("There is more than one case index page; this import needs exactly one.")
        )
    return indexes[0]


def plan_import(path):
    """Read and check every row of `path` against the site as it is; nothing is written."""
    header, records = read_csv(path)
    index = find_case_index()
    parsed = [(number, *parse_row(number, header, cells)) for number, cells in records]

    slugs = {values["slug"] for _number, values, _errors in parsed if values.get("slug")}
    existing = {
        page.slug: page for page in CasePage.objects.child_of(index).filter(slug__in=slugs)
    }
    other_pages = set(
        index.get_children()
        .not_type(CasePage)
        .filter(slug__in=slugs)
        .values_list("slug", flat=True)
    )

    plan = ImportPlan(index=index)
    first_row_of_slug = {}
    for number, values, errors in parsed:
        slug = values.get("slug")
        if slug in first_row_of_slug:
            errors.append(
                RowError(
                    number,
                    "slug",
                    _("“%(slug)s” is also the slug of row %(row)d: each case needs its own.")
                    % {"slug": slug, "row": first_row_of_slug[slug]},
                )
            )
        elif slug:
            first_row_of_slug[slug] = number
        if slug in other_pages:
            errors.append(
                RowError(
                    number,
                    "slug",
                    _("“%(slug)s” is taken by a page that is not a case.") % {"slug": slug},
                )
            )

        is_new = slug not in existing
        if is_new:
            page = CasePage(live=False, locale=index.locale)
        else:
            # Start from the latest draft, as the admin's editor does, so unpublished
            # edits made there are kept.
            page = existing[slug].get_latest_revision_as_object()
        apply_values(page, values, is_new)
        failed = {error.column for error in errors}
        if not slug:
            # Without a name there is no slug either: one message is enough.
            failed.add("slug")
        errors.extend(model_errors(page, number, failed))

        if errors:
            plan.errors.extend(errors)
        else:
            plan.cases.append(PlannedCase(row=number, page=page, is_new=is_new))
    return plan


def parse_row(number, header, cells):
    """The row's field values by column, and the errors of the cells that could not be read."""
    values, errors = {}, []
    # A short row (a spreadsheet drops trailing empty cells) still has those columns, empty.
    cells = cells + [""] * (len(header) - len(cells))
    for position, text in enumerate(cells):
        column = header[position] if position < len(header) else ""
        text = text.strip()
        if not column:
            if text:
                errors.append(
                    RowError(
                        number,
                        None,
                        _("cell %(position)d has a value but its column has no header.")
                        % {"position": position + 1},
                    )
                )
            continue
        try:
            values[column] = parse_cell(column, text)
        except ValidationError as error:
            errors.extend(RowError(number, column, message) for message in error.messages)
    if not values.get("slug") and values.get("name"):
        allow_unicode = getattr(settings, "WAGTAIL_ALLOW_UNICODE_SLUGS", True)
        values["slug"] = slugify(values["name"], allow_unicode=allow_unicode)
        if not values["slug"]:
            errors.append(RowError(number, "slug", _("The name gives no slug: enter one.")))
    return values, errors


def apply_values(page, values, is_new):
    if is_new:
        for column, default in DEFAULTS.items():
            setattr(page, COLUMNS[column], default)
    for column, value in values.items():
        setattr(page, COLUMNS[column], value)
    if "name" in values:
        page.title = values["name"]


@functools.cache
def unvalidated_fields():
    return frozenset(
        model_field.name
        for model_field in CasePage._meta.get_fields()
        if model_field.name not in VALIDATED_FIELDS
    )


def model_errors(page, row, failed):
    """The model's own checks (lengths, choices, the date rules of CasePage.clean)."""
    try:
        # Uniqueness is the slug's, checked against the file and the tree above.
        page.full_clean(
            exclude=unvalidated_fields(), validate_unique=False, validate_constraints=False
        )
    except ValidationError as error:
        found = []
        for field_name, messages in error.message_dict.items():
            column = None if field_name == NON_FIELD_ERRORS else FIELD_COLUMNS.get(field_name)
            if field_name != NON_FIELD_ERRORS and column is None:
                column = field_name
            # A cell that could not be read has its message already.
            if column in failed:
                continue
            found.extend(RowError(row, column, message) for message in messages)
        order = list(COLUMNS)
        return sorted(found, key=lambda e: order.index(e.column) if e.column in order else -1)
    return []


# --- writing ------------------------------------------------------------------


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    published: bool = False

    @property
    def total(self):
        return self.created + self.updated


def run_import(plan, *, publish=False, progress=None):
    """Save every planned case in one transaction; `progress(done, total)` after each."""
    if plan.errors:
        raise ValueError("A plan with errors cannot be imported.")
    result = ImportResult(published=publish)
    total = len(plan.cases)
    if progress:
        progress(0, total)
    with transaction.atomic():
        for done, case in enumerate(plan.cases, start=1):
            save_case(plan.index, case, publish=publish)
            if case.is_new:
                result.created += 1
            else:
                result.updated += 1
            if progress:
                progress(done, total)
    return result


def save_case(index, case, *, publish):
    page = case.page
    # The revision carries current_status too: keep it in step with a changed status.
    page.current_status = page.compute_current_status()
    # Wagtail saves a page two or three times here (add, revision, publish) and would
    # rebuild its reference index each time. The file sets no field that refers to other
    # objects, so a new page has nothing to index; a changed one is indexed once, at the
    # end, in case its draft carried new references (a photo, links in the story).
    with disable_reference_index_auto_update():
        if case.is_new:
            index.add_child(instance=page)
        elif not page.live:
            # A draft that was never published keeps its content on the page row as well,
            # as the admin's editor does.
            page.save(clean=False)
        # Rows were checked in plan_import with the same rules.
        revision = page.save_revision(log_action=True, clean=False)
        if publish:
            revision.publish()
    if not case.is_new:
        ReferenceIndex.create_or_update_for_object(page)
