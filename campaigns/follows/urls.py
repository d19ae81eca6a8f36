from django.urls import path

from . import views

urlpatterns = [
    path("follow/<int:case_id>/", views.follow_case, name="follow_case"),
    path("follow/confirm/<str:token>/", views.confirm_follow, name="follow_confirm"),
    path("follow/manage/<str:token>/", views.manage_follows, name="follow_manage"),
    path("follow/unsubscribe/<str:token>/", views.unsubscribe, name="follow_unsubscribe"),
]
