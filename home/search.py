"""Turning what a visitor typed into a query the search backends accept."""

import unicodedata

from wagtail.search.utils import parse_query_string

SEARCH_QUERY_MAX_LENGTH = 200


def clean_search_query(raw):
    """Return (query, was_cut): control characters dropped, spaces collapsed, length capped.

    NUL and other control characters break SQLite's full-text parser; nobody
    types them on purpose.
    """
    printable = "".join(
        " " if unicodedata.category(char) in {"Cc", "Cf", "Zl", "Zp"} else char
        for char in raw or ""
    )
    query = " ".join(printable.split())
    if len(query) > SEARCH_QUERY_MAX_LENGTH:
        return query[:SEARCH_QUERY_MAX_LENGTH].rstrip(), True
    return query, False


def search_pages(queryset, query):
    """Search `queryset` for every word of `query`; "quoted words" match as a phrase."""
    # A colon would make Wagtail read "article:174" as a filter and drop it.
    _filters, parsed = parse_query_string(query.replace(":", " "), operator="and")
    return queryset.search(parsed)
