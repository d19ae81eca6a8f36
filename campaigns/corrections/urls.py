from django.urls import path

from . import views

urlpatterns = [
    path("corrections/", views.corrections_index, name="corrections"),
    path("corrections/feed/", views.corrections_feed, name="corrections_feed"),
    path(
        "corrections/report/<int:case_id>/",
        views.report_inaccuracy,
        name="inaccuracy_report",
    ),
]
