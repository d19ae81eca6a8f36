"""Turning what a visitor typed into a query the search backends accept."""

import unicodedata

from django.core.exceptions import FieldDoesNotExist
from django.db.models import CharField, F, Q, TextField, Value
from django.db.models.functions import Coalesce, NullIf
from wagtail.models import Page, get_page_models
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


class TitleMatchesFirst:
    """Search results with pages whose title holds every word first, then the rest.

    Each part is its own full-text search over a queryset split in SQL, and is
    sliced in the database, so a Paginator over this object never loads more
    than one page of results (plus two counts). The backends' own relevance
    ranking orders results within each part.
    """

    def __init__(self, queryset, query):
        words = [word for word in query.replace('"', " ").split() if word][:10]
        in_title = Q()
        for word in words:
            in_title &= Q(title__icontains=word)
        self.parts = [
            search_pages(queryset.filter(in_title), query),
            search_pages(queryset.exclude(in_title), query),
        ]
        self._counts = None

    def counts(self):
        if self._counts is None:
            self._counts = [part.count() for part in self.parts]
        return self._counts

    def count(self):
        return sum(self.counts())

    def __len__(self):
        return self.count()

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        start, stop = index.start or 0, index.stop if index.stop is not None else self.count()
        items = []
        for part, size in zip(self.parts, self.counts(), strict=True):
            if start < size and stop > 0:
                items.extend(part[max(start, 0) : min(stop, size)])
            start, stop = start - size, stop - size
        return items


def summarised(pages):
    """`pages` (plain pages, as a search of all pages gives them) with `summary_text`: the
    listing summary of their type, else the search description, else a `summary` field of
    their type. One query, whatever the number of page types: reading each result as its
    type costs one query per type found."""
    pages = list(pages)
    if pages:
        texts = dict(
            Page.objects.filter(pk__in=[page.pk for page in pages])
            .annotate(summary_text=summary_expression())
            .values_list("pk", "summary_text")
        )
        for page in pages:
            page.summary_text = texts.get(page.pk) or ""
    return pages


def summary_expression():
    """SQL for a page's summary, in the order the results show it: the types' listing
    summaries, the search description, then the types' `summary` fields."""

    def texts_of(field_name):
        found = []
        for model in get_page_models():
            if Page not in model._meta.parents:
                continue  # its fields are reached through its parent type
            try:
                field = model._meta.get_field(field_name)
            except FieldDoesNotExist:
                continue
            if isinstance(field, CharField | TextField) and field.model is model:
                found.append(empty_as_null(F(f"{model._meta.model_name}__{field_name}")))
        return found

    return Coalesce(
        *texts_of("listing_summary"),
        empty_as_null(F("search_description")),
        *texts_of("summary"),
        Value(""),
        output_field=TextField(),
    )


def empty_as_null(expression):
    return NullIf(expression, Value(""), output_field=TextField())
