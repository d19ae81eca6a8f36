from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail import views as wagtail_views
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from campaigns import action_views, follow_views
from campaigns import views as campaigns_views
from home import views as home_views

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", home_views.shared_cache(sitemap), name="sitemap"),
    path("robots.txt", home_views.robots_txt, name="robots_txt"),
    path("healthz/", home_views.healthz, name="healthz"),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# English lives at the root; /ru/ and /kk/ carry the translations.
urlpatterns += i18n_patterns(
    path("search/", home_views.search, name="search"),
    path("comments/<int:post_id>/", campaigns_views.post_comment, name="post_comment"),
    path("follow/<int:case_id>/", follow_views.follow_case, name="follow_case"),
    path("follow/confirm/<str:token>/", follow_views.confirm_follow, name="follow_confirm"),
    path("follow/manage/<str:token>/", follow_views.manage_follows, name="follow_manage"),
    path("follow/unsubscribe/<str:token>/", follow_views.unsubscribe, name="follow_unsubscribe"),
    path("sign/<int:action_id>/", action_views.sign_petition, name="sign_petition"),
    path("sign/confirm/<str:token>/", action_views.confirm_signature, name="signature_confirm"),
    path("letters/<int:action_id>/sent/", action_views.report_letter, name="report_letter"),
    # Data files routed by their pages, e.g. /cases/export.csv (Wagtail's own
    # pattern only matches paths that end in a slash).
    re_path(r"^((?:[\w\-]+/)*[\w\-]+\.(?:csv|json))$", wagtail_views.serve),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)
