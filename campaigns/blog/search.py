"""“Search this blog”: posts matching every word, optionally within a tag or month."""

import re

from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from home.search import SEARCH_QUERY_MAX_LENGTH, TitleMatchesFirst, clean_search_query


def search_posts(index, posts, raw_query):
    """Return (results, query, message). Results stay a lazy, database-paginated query."""
    query, was_cut = clean_search_query(raw_query)
    message = ""
    if was_cut:
        message = _("Your search was long, so only its first %(count)d characters were used.") % {
            "count": SEARCH_QUERY_MAX_LENGTH
        }
    if not query:
        return index.listing(posts), "", message
    # Narrowing by tag or month happens in SQL first; the search runs inside it.
    scoped = index.with_card_data(posts.model.objects.filter(pk__in=posts.values("pk")))
    return TitleMatchesFirst(scoped, query), query, message


def highlight(text, query):
    """`text` escaped, with each word of `query` wrapped in <mark>."""
    words = [word for word in query.replace('"', " ").split() if len(word) > 1][:10]
    if not words:
        return escape(text)
    # Split the raw text on the words, then escape each piece: matching inside
    # already-escaped text would break entities such as &amp;.
    pattern = re.compile("(" + "|".join(re.escape(word) for word in words) + ")", re.IGNORECASE)
    pieces = pattern.split(text)
    html = "".join(
        f"<mark>{escape(piece)}</mark>" if index % 2 else escape(piece)
        for index, piece in enumerate(pieces)
    )
    return mark_safe(html)  # noqa: S308 - every piece is escaped above
