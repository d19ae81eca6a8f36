"""Serving pages: Wagtail's `serve` view, with the reader's home page found in one query.

Wagtail routes every request from `site.root_page.localized.specific`: a query for the
active Locale, one for the root page's translation and one for its specific row, on every
request. `route_for_request` finds the same page with the cached locale ids
(`home.i18n.localized_specific`), then lets it route as Wagtail would, and leaves the
result where Wagtail's `Page.route_for_request` keeps it for the rest of the request
(`request._wagtail_route_for_request`, documented there), so the serve view, its hooks
and anything else that asks for the page share the one routing.
"""

from functools import partial

from django.http import Http404
from django.utils import translation
from wagtail import views as wagtail_views
from wagtail.models import Site

from home.fragments import kept_read
from home.i18n import localized_specific


def route_for_request(request, path):
    """The route result (page, args, kwargs) for `path`, or None (not found): Wagtail's
    `Page.route_for_request`, from the reader's home page read in one query."""
    if not hasattr(request, "_wagtail_route_for_request"):
        site = site_for_request(request)
        result = None
        if site is not None:
            components = [component for component in path.split("/") if component]
            try:
                home = kept_read(
                    request,
                    "home",
                    (site.root_page_id, translation.get_language()),
                    partial(localized_specific, site.root_page),
                )
                result = home.route(request, components)
            except Http404:
                result = None
        request._wagtail_route_for_request = result
    return request._wagtail_route_for_request


def site_for_request(request):
    """Wagtail's `Site.find_for_request`, from the shared cache: Wagtail looks the site up
    with a query on every request, and the answer changes only when a site or the pages
    move (home.fragments.kept_read). Kept where Wagtail keeps it for the rest of the
    request. Asked only of requests for pages, whose Host Django has already checked
    against ALLOWED_HOSTS (CommonMiddleware): only the site's own names are kept."""
    if not hasattr(request, "_wagtail_site"):
        request._wagtail_site = kept_read(
            request,
            "site",
            (request._get_raw_host(), request.get_port()),
            partial(Site._find_for_request, request),
        )
    return request._wagtail_site


def serve(request, path):
    """Wagtail's page view, routed by `route_for_request`."""
    route_for_request(request, path)
    return wagtail_views.serve(request, path)
