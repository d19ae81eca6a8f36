from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from home.models import SiteTexts
from home.page_admin import site_page_viewset
from home.review import PUBLISHED_WITHOUT_REVIEW, PublishedWithoutReview
from home.signin import admin as _signin  # noqa: F401 - sign-in pages, 2FA, lockouts
from home.translation_admin import TranslationsPanel, can_translate


@hooks.register("register_log_actions")
def register_review_log_actions(actions):
    actions.register_action(PUBLISHED_WITHOUT_REVIEW)(PublishedWithoutReview)


@hooks.register("register_admin_viewset")
def register_site_page_viewset():
    return site_page_viewset


class SiteTextsViewSet(SnippetViewSet):
    """Menus and footer, one set per language: “Translate” makes the Russian or Kazakh set."""

    model = SiteTexts
    icon = "list-ul"
    menu_label = _("Menus and footer")
    add_to_settings_menu = True
    list_display = ["__str__", "locale"]


register_snippet(SiteTextsViewSet)


@hooks.register("construct_homepage_panels")
def add_translations_panel(request, panels):
    if can_translate(request.user):
        panels.append(TranslationsPanel())
