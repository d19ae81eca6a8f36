from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET
from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.models import Page
from wagtail.search.utils import normalise_query_string

from home.search import SEARCH_QUERY_MAX_LENGTH, TitleMatchesFirst, clean_search_query

SEARCH_RESULTS_PER_PAGE = 10


@require_GET
def search(request):
    """Site-wide search over every live, public page, paginated in the database."""
    query, was_cut = clean_search_query(request.GET.get("q", ""))
    message = ""
    if was_cut:
        message = _("Your search was long, so only its first %(count)d characters were used.") % {
            "count": SEARCH_QUERY_MAX_LENGTH
        }

    results = Page.objects.none()
    promotions = []
    if query:
        pages = Page.objects.live().public().specific().defer_streamfields()
        results = TitleMatchesFirst(pages, query)
        # Promotions are looked up, never recorded: what visitors search for is theirs.
        promotions = (
            SearchPromotion.objects.filter(query__query_string=normalise_query_string(query))
            .select_related("page")
            .order_by("sort_order")
        )

    paginator = Paginator(results, SEARCH_RESULTS_PER_PAGE)
    results_page = paginator.get_page(request.GET.get("page"))

    response = TemplateResponse(
        request,
        "search/search.html",
        {
            "search_query": query,
            "search_results": results_page,
            "promotions": promotions,
            "message": message,
            "paginator": paginator,
            "pagination_query": urlencode({"q": query}),
        },
    )
    # Results hold nothing per-visitor, but the query is the visitor's own words:
    # keep it out of shared caches.
    patch_cache_control(response, private=True, max_age=0)
    return response


@require_GET
@cache_control(public=True, max_age=3600)
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /search/",
        f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


@require_GET
def healthz(request):
    """For load balancers: answers when the process is up and the database reachable."""
    Page.objects.only("pk").first()
    response = HttpResponse("ok", content_type="text/plain")
    patch_cache_control(response, no_store=True)
    return response
