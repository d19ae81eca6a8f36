"""The one way supporters' data leaves the site: a CSV file downloaded from the admin.

A petition's signatures and a case's followers are exported the same way, by
`export_response`:
- the text is written by `home.csv.csv_lines`: UTF-8 with a byte order mark (spreadsheet
  programs then read Cyrillic and Kazakh names as such), a header row, and every cell a
  spreadsheet would run as a formula quoted; moments are ISO 8601 with their UTC offset,
  yes/no is true/false, nothing is an empty cell;
- the rows are streamed as the database yields them (`EXPORT_CHUNK` at a time), never
  gathered in memory first;
- the file is an attachment named "<what>-<page slug>-<date>.csv", never stored by a cache;
- every export is written to the history of the page it is about (Wagtail's audit log):
  who made it and how many rows, never a supporter's data.
Who may export what is the caller's business (each feature's admin checks its permission).
"""

import datetime

from django.http import StreamingHttpResponse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.http import content_disposition_header
from wagtail.log_actions import log

from home.csv import csv_lines

# Rows fetched from the database at a time while the file streams.
EXPORT_CHUNK = 2000


def cell(value):
    """A value as a CSV cell: moments in ISO 8601 to the second, nothing as empty."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.isoformat(timespec="seconds")
    return value


def export_filename(page, what):
    return f"{what}-{page.slug}-{timezone.localdate().isoformat()}.csv"


def export_response(page, *, what, log_action, user, header, rows, count):
    """The CSV download of `rows` (an iterable of sequences, under `header`), logged.

    `page` is what the export is about (its history gets the entry, its slug names the
    file), `what` says what is exported ("signatures"), `log_action` is the audit log
    action the feature registered, and `count` how many rows go out, for the log.
    """
    log(instance=page, action=log_action, user=user, data={"rows": count})
    response = StreamingHttpResponse(
        csv_lines(with_header(header, rows)), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=export_filename(page, what)
    )
    add_never_cache_headers(response)
    return response


def with_header(header, rows):
    yield [str(name) for name in header]
    for row in rows:
        yield [cell(value) for value in row]
