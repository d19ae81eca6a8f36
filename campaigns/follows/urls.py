from django.urls import path

from . import views

urlpatterns = [
    path("follow/<int:case_id>/", views.follow_case, name="follow_case"),
    path("follow/confirm/<str:token>/", views.confirm_follow, name="follow_confirm"),
    path("follow/manage/", views.manage_follows, name=views.MANAGE),
    path("follow/unsubscribe/", views.unsubscribe, name=views.UNSUBSCRIBE),
    path("follow/link/", views.send_link, name="follow_send_link"),
    # The links of emails sent before the token moved to the query string.
    path("follow/manage/<str:token>/", views.old_link, {"name": views.MANAGE}),
    path("follow/unsubscribe/<str:token>/", views.old_link, {"name": views.UNSUBSCRIBE}),
]
