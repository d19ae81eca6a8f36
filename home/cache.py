"""Cache-Control for pages: who may store a response, and for how long.

Public pages carry no per-visitor data, so shared caches (a CDN, Varnish) may
keep them. A signed-in editor sees the Wagtail user bar, so their copy is
private. Pages that hold a form with per-visitor data use `never_cache`.
"""

from functools import wraps

from django.conf import settings
from django.utils.cache import patch_cache_control


def public_cache(serve):
    """Decorate a page's `serve` so anonymous responses are cacheable by shared caches."""

    @wraps(serve)
    def wrapper(page, request, *args, **kwargs):
        response = serve(page, request, *args, **kwargs)
        if response.has_header("Cache-Control"):
            return response
        if request.user.is_authenticated or request.GET.get("q"):
            # An editor's user bar, or a visitor's own search words: not for shared caches.
            patch_cache_control(response, private=True, no_cache=True)
        else:
            seconds = settings.PAGE_CACHE_SECONDS
            patch_cache_control(response, public=True, max_age=min(60, seconds), s_maxage=seconds)
        return response

    return wrapper


def shared_cache(view):
    """Let shared caches keep a public, per-visitor-free response for PAGE_CACHE_SECONDS."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        seconds = settings.PAGE_CACHE_SECONDS
        patch_cache_control(response, public=True, max_age=min(60, seconds), s_maxage=seconds)
        return response

    return wrapper
