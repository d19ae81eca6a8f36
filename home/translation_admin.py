"""The admin's view of the translations: which live English pages have no Russian or
Kazakh translation yet, and which translations are out of date (their English page was
published again since they were last synced). A dashboard panel, for anyone who edits
pages; translating and syncing themselves are wagtail-localize's “Translate” and “Sync
translated pages” actions, which these rows link to."""

from django.conf import settings
from django.db.models import Exists, OuterRef
from django.urls import reverse
from wagtail.admin.ui.components import Component
from wagtail.models import Locale, Page
from wagtail_localize.models import Translation, TranslationSource

from home.i18n import default_locale_id

PANEL_LIMIT = 8


def untranslated(locale):
    """Live pages of the default language with no page in `locale`."""
    translated = Page.objects.filter(translation_key=OuterRef("translation_key"), locale=locale)
    return (
        Page.objects.live()
        .filter(locale_id=default_locale_id(), depth__gt=1)
        .exclude(Exists(translated))
        .order_by("path")
    )


def out_of_date():
    """Translations whose source page was published after they were last synced."""
    sources = TranslationSource.objects.filter(
        specific_content_type__in=Page.objects.values("content_type")
    )
    newer = Page.objects.filter(
        translation_key=OuterRef("object_id"),
        locale_id=OuterRef("locale_id"),
        last_published_at__gt=OuterRef("last_updated_at"),
    )
    stale = sources.filter(Exists(newer))
    return (
        Translation.objects.filter(source__in=stale, enabled=True)
        .select_related("source", "target_locale")
        .order_by("source__last_updated_at")
    )


class TranslationsPanel(Component):
    name = "translations_to_do"
    template_name = "home/admin/translations_panel.html"
    order = 180

    def get_context_data(self, parent_context):
        rows = []
        names = dict(settings.LANGUAGES)
        for locale in Locale.objects.exclude(pk=default_locale_id()).order_by("language_code"):
            missing = untranslated(locale)
            count = missing.count()
            if count:
                rows.append(
                    {
                        "language": names.get(locale.language_code, locale.language_code),
                        "count": count,
                        "pages": [
                            {
                                "title": page.title,
                                "url": reverse(
                                    "wagtail_localize:submit_page_translation", args=[page.pk]
                                ),
                            }
                            for page in missing[:PANEL_LIMIT]
                        ],
                    }
                )
        stale = []
        for item in out_of_date()[:PANEL_LIMIT]:
            source_page = Page.objects.filter(
                translation_key=item.source.object_id, locale_id=item.source.locale_id
            ).first()
            if source_page is None:
                continue
            stale.append(
                {
                    "title": source_page.title,
                    "language": names.get(item.target_locale.language_code),
                    "sync_url": reverse(
                        "wagtail_localize:update_translations", args=[item.source_id]
                    ),
                }
            )
        return {"missing": rows, "stale": stale, "any": bool(rows or stale)}


def can_translate(user):
    return user.has_perm("wagtail_localize.submit_translation") or user.is_superuser
