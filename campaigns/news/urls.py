from django.urls import path

from . import views

urlpatterns = [
    path("newsletter/", views.subscribe, name="newsletter"),
    path("newsletter/confirm/<str:token>/", views.confirm, name="news_confirm"),
    path("newsletter/unsubscribe/", views.unsubscribe, name="news_unsubscribe"),
]
