from django.urls import path

from . import views

urlpatterns = [
    path("sign/<int:action_id>/", views.sign_petition, name="sign_petition"),
    path("sign/confirm/<str:token>/", views.confirm_signature, name="signature_confirm"),
    path("letters/<int:action_id>/sent/", views.report_letter, name="report_letter"),
]
