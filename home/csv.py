"""The one way the site writes CSV: cells a spreadsheet would run as formulas are quoted.

Used by the open data export and by every export of supporters' data.
"""

import csv


def csv_safe(value):
    """Spreadsheets run cells starting with = + - @ as formulas: quote them as text."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


class _Echo:
    """A file-like object whose write() returns what it was given: csv, one line at a time."""

    def write(self, value):
        return value


def csv_lines(rows):
    """CSV text, line by line, for a streaming response (UTF-8 with a byte order mark, so
    spreadsheet programs read Cyrillic and Kazakh names as such). The header is a row too."""
    writer = csv.writer(_Echo())
    yield "\ufeff"
    for row in rows:
        yield writer.writerow([csv_safe(value) for value in row])
