"""The sign-in pages in the Wagtail admin: their URLs, the account menu's link to two-factor
sign-in, and the superusers' "Locked sign-ins" page in the Settings menu. Imported by
home/wagtail_hooks.py."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import AdminOnlyMenuItem

from . import views


@hooks.register("register_admin_urls")
def register_signin_urls():
    return [
        path("signin/code/", views.code_view, name="signin_code"),
        path("signin/two-factor/", views.two_factor_view, name="signin_two_factor"),
        path("signin/locked/", views.security_view, name="signin_security"),
    ]


@hooks.register("register_account_menu_item")
def two_factor_account_item(request):
    return {
        "url": reverse("signin_two_factor"),
        "label": _("Two-factor sign-in"),
        "help_text": _(
            "Sign in with a code from an authenticator app on your phone as well as your "
            "password, and keep recovery codes for when the phone is lost."
        ),
    }


@hooks.register("register_settings_menu_item")
def locked_sign_ins_menu_item():
    return AdminOnlyMenuItem(
        _("Locked sign-ins"), reverse("signin_security"), icon_name="lock", order=900
    )
