from django.urls import path

from . import views

urlpatterns = [
    path("comments/<int:post_id>/", views.post_comment, name="post_comment"),
]
