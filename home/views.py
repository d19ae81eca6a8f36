from urllib.parse import urlencode

from django.conf import settings
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET
from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.models import Page, Site
from wagtail.search.utils import normalise_query_string

from home import i18n, restrictions
from home.cache import not_found_cache
from home.search import (
    SEARCH_QUERY_MAX_LENGTH,
    TitleMatchesFirst,
    clean_search_query,
    summarised,
)

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
        # Pages in the reader's language: /ru/search/ searches the Russian site.
        pages = restrictions.pages().live().public().filter(locale_id=i18n.active_locale_id())
        results = TitleMatchesFirst(pages, query)
        # Promotions are looked up, never recorded: what visitors search for is theirs.
        promotions = (
            SearchPromotion.objects.filter(query__query_string=normalise_query_string(query))
            .select_related("page")
            .order_by("sort_order")
        )

    paginator = Paginator(results, SEARCH_RESULTS_PER_PAGE)
    results_page = paginator.get_page(request.GET.get("page"))
    results_page.object_list = summarised(results_page.object_list)

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


def page_not_found(request, exception=None):
    """The site's 404, in the reader's language. When the address is a page that exists in
    another language (/ru/cases/x/ for a case not yet translated), it says so and links to
    each version: a reader is never shown English under a Russian `lang` by surprise."""
    elsewhere = []
    if request.method in ("GET", "HEAD"):
        elsewhere = versions_elsewhere(request)
    response = TemplateResponse(request, "404.html", {"elsewhere": elsewhere}, status=404)
    return not_found_cache(response, request)


def versions_elsewhere(request):
    """[(code, name, url)]: the live pages of other languages at this address.

    Two queries whatever the number of languages: the home page's translations, then the
    pages at the same path under each of them (a page's `url_path` is its home page's plus
    the slugs on the way). Routes inside a page (a feed, a thank-you step) are not looked
    for: the page itself is what the reader is offered."""
    site = Site.find_for_request(request)
    if site is None:
        return []
    path = request.path
    current = translation.get_language()
    for code, _name in settings.LANGUAGES:
        prefix = f"/{code}/"
        if code != settings.LANGUAGE_CODE and path.startswith(prefix):
            path = "/" + path[len(prefix) :]
            break
    tail = "".join(f"{part}/" for part in path.split("/") if part)
    others = {i18n.locale_id(code): code for code, _name in settings.LANGUAGES if code != current}
    roots = (
        site.root_page.get_translations(inclusive=True)
        .filter(locale_id__in=[pk for pk in others if pk is not None])
        .values_list("url_path", "locale_id")
    )
    wanted = {f"{url_path}{tail}": locale for url_path, locale in roots}
    found = {
        page.locale_id: page
        for page in Page.objects.live().filter(url_path__in=wanted)
        if wanted[page.url_path] == page.locale_id
    }
    names = i18n.language_names()
    versions = []
    for locale, code in others.items():
        if locale in found:
            with translation.override(code):
                versions.append((code, names[code], found[locale].get_url(request=request)))
    return versions
