"""The campaigns' public addresses outside the page tree: each feature lists its own."""

from django.urls import include, path

urlpatterns = [
    path("", include("campaigns.blog.urls")),
    path("", include("campaigns.follows.urls")),
    path("", include("campaigns.actions.urls")),
    path("", include("campaigns.hearings.urls")),
    path("", include("campaigns.corrections.urls")),
    path("", include("campaigns.news.urls")),
    path("", include("campaigns.opendata.urls")),
]
