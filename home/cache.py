"""Cache-Control for pages: who may store a response, and for how long.

Public pages carry no per-visitor data, so shared caches (a CDN, Varnish) may
keep them. Whoever is signed in (an editor) gets a private copy of whatever these
helpers serve: HTML pages show them the Wagtail user bar, and one rule for pages,
feeds and files is easier to trust than a list of exceptions. Pages that hold a form with
per-visitor data (a CSRF token) use `never_cache`; the public forms that must
stay cacheable post without one (see campaigns/actions/signing.py).
tests/edge/test_cache_control.py asserts the header of every page type.
"""

from functools import wraps

from django.conf import settings
from django.utils.cache import patch_cache_control

# A missing page is kept briefly: a flood of requests for it reaches the app once a
# minute, and a page published at that address is purged anyway.
NOT_FOUND_SECONDS = 60


def signed_in(request):
    """Someone is signed in. The session is read only when its cookie came: reading it
    would make every anonymous answer vary on Cookie."""
    return settings.SESSION_COOKIE_NAME in request.COOKIES and request.user.is_authenticated


def patch_for_visitor(request, response, seconds):
    """Shared caches may keep the response for `seconds` (browsers for a minute at most),
    unless it is a signed-in person's: then it is private and revalidated."""
    if signed_in(request):
        patch_cache_control(response, private=True, no_cache=True)
    else:
        patch_cache_control(response, public=True, max_age=min(60, seconds), s_maxage=seconds)


def public_cache(serve):
    """Decorate a page's `serve` so anonymous responses are cacheable by shared caches."""

    @wraps(serve)
    def wrapper(page, request, *args, **kwargs):
        response = serve(page, request, *args, **kwargs)
        if response.has_header("Cache-Control"):
            return response
        if request.GET.get("q"):
            # A visitor's own search words: not for shared caches.
            patch_cache_control(response, private=True, no_cache=True)
        else:
            patch_for_visitor(request, response, settings.PAGE_CACHE_SECONDS)
        return response

    return wrapper


def shared_cache(view):
    """Let shared caches keep a public, per-visitor-free response for PAGE_CACHE_SECONDS."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        patch_for_visitor(request, response, settings.PAGE_CACHE_SECONDS)
        return response

    return wrapper


def not_found_cache(response, request):
    """The 404 page: kept by shared caches for NOT_FOUND_SECONDS (private when signed in)."""
    patch_for_visitor(request, response, min(NOT_FOUND_SECONDS, settings.PAGE_CACHE_SECONDS))
    return response
