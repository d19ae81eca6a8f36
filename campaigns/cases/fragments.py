"""The parts of a case page or post that stay the same between publishes, kept as
fragments (`campaigns/cases/fragment.html`) under home.fragments' key: the page and its
live revision (a publish is a new key), the language, today's date (days in detention,
restrictions in force and upcoming hearings turn at midnight) and the site's content
generation (related posts, cases and hearings of other pages).

A listing (the case index, the blog) is kept the same way, one fragment per address: its
path (a tag or month of the blog) and the query-string parameters it reads (filters,
page number), hashed, so that the key stays short whatever the address. Other parameters
(`?utm_source=`) do not make a new fragment; a search (`?q=`) is never kept.

Never for a preview (home.fragments gives no key) nor for a page in a private section: its
parts would sit in the shared cache beside the public ones.
"""

import hashlib
from urllib.parse import urlencode

from django.core.cache import cache

from home.fragments import FRAGMENT_SECONDS, fragment_key
from home.restrictions import restricted_sections
from home.search import SEARCH_QUERY_MAX_LENGTH

# A longer parameter value draws the listing afresh rather than keep it: no honest filter
# is longer than a search (which is cut to its first SEARCH_QUERY_MAX_LENGTH characters).
LISTING_VALUE_MAX_LENGTH = SEARCH_QUERY_MAX_LENGTH


def page_fragment_context(request, page):
    """`fragment_key` (None: draw every part afresh) and `fragment_seconds`."""
    private = page.pk is None or restricted_sections().restriction_ids(page)
    return {
        "fragment_key": None if private else fragment_key(request, page),
        "fragment_seconds": FRAGMENT_SECONDS,
    }


def listing_fragment_context(request, page, parameters):
    """As page_fragment_context, for a listing that reads `parameters` from the query
    string: its key also names the path and those parameters' values."""
    context = page_fragment_context(request, page)
    if request.GET.get("q"):
        # A visitor's own search words are kept nowhere (as home.cache keeps them from
        # shared caches): a search is drawn afresh.
        context["fragment_key"] = None
    elif context["fragment_key"]:
        address = listing_address(request, parameters)
        context["fragment_key"] = address and f"{context['fragment_key']}:{address}"
    return context


def listing_address(request, parameters):
    """A short digest of the path and of each of `parameters` given in the query string
    (its last value, as forms read it; given empty is not the same as not given), or None
    when a value is too long to be worth keeping."""
    given = []
    for name in sorted(parameters):
        if name in request.GET:
            value = request.GET[name]
            if len(value) > LISTING_VALUE_MAX_LENGTH:
                return None
            given.append((name, value))
    text = urlencode([("", request.path), *given])
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def kept(key, name, compute):
    """`compute()`, a small value drawn from the same data as a page's fragments, kept in
    the cache beside them under their `key` (None: computed afresh each time)."""
    if key is None:
        return compute()
    return cache.get_or_set(f"{name}:{key}", compute, FRAGMENT_SECONDS)
