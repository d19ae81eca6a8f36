from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from home import health, routing
from home import views as home_views
from home.cache import shared_cache
from home.sitemap import TranslatedSitemap

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path(
        "sitemap.xml",
        shared_cache(sitemap),
        {"sitemaps": {"wagtail": TranslatedSitemap}},
        name="sitemap",
    ),
    path("robots.txt", home_views.robots_txt, name="robots_txt"),
    # Readiness at /healthz/ too, for load balancers configured before the split.
    path("healthz/", health.ready, name="healthz"),
    path("healthz/live/", health.live, name="healthz_live"),
    path("healthz/ready/", health.ready, name="healthz_ready"),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# English lives at the root; /ru/ and /kk/ carry the translations.
urlpatterns += i18n_patterns(
    path("search/", home_views.search, name="search"),
    path("", include("campaigns.urls")),
    # Data files routed by their pages, e.g. /cases/export.csv, its detached signature
    # /cases/export.csv.sig, /cases/<slug>/hearings.ics (Wagtail's own pattern only
    # matches paths that end in a slash).
    re_path(r"^((?:[\w\-]+/)*[\w\-]+\.(?:csv|json|ics)(?:\.sig)?)$", routing.serve),
    # Wagtail's own page pattern, served through `home.routing` (the reader's home page in
    # one query instead of three); its other patterns (password, login) as Wagtail has them.
    re_path(wagtail_urls.serve_pattern, routing.serve, name="wagtail_serve"),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)

handler404 = "home.views.page_not_found"
