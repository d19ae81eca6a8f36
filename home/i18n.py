"""The site in several languages: which locale a reader is in, and pages in their language.

English pages are the source; Russian and Kazakh pages are their translations, made in the
admin with wagtail-localize and sharing a `translation_key` with their source. A reader
sees every page in their language where a translation is published, and the source page
(marked with its own `lang`) where none is yet.

Locale rows almost never change, so their ids are kept per process, keyed by language
code; saving or deleting a Locale clears them (see `forget_locales`).
"""

from django.conf import settings
from django.db.models import Q, QuerySet
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils import translation
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page

_locale_ids = {}
_locale_codes = {}


def locale_id(language_code):
    """The id of the Locale of `language_code` (None when there is none)."""
    code = get_supported_content_language_variant(language_code)
    if code not in _locale_ids:
        _load_locales()
        _locale_ids.setdefault(code, None)
    return _locale_ids[code]


def _load_locales():
    """Every Locale's id and code, in one query (there are a handful)."""
    for pk, code in Locale.objects.values_list("pk", "language_code"):
        _locale_ids[code] = pk
        _locale_codes[pk] = code


def active_locale_id():
    return locale_id(translation.get_language() or settings.LANGUAGE_CODE)


def default_locale_id():
    return locale_id(settings.LANGUAGE_CODE)


@receiver(post_save, sender=Locale)
@receiver(post_delete, sender=Locale)
def forget_locales(**kwargs):
    _locale_ids.clear()
    _locale_codes.clear()


# How each language names itself in a switcher where Django's name is not that: Django
# gives "Қазақ" (Kazakh, the adjective); Kazakh speakers label the language "Қазақша".
SELF_NAMES = {"kk": "Қазақша"}


def language_names():
    """{code: name in its own language}, for the switcher: “Русский”, “Қазақша”."""
    return {
        code: SELF_NAMES.get(code) or translation.get_language_info(code)["name_local"]
        for code, _ in settings.LANGUAGES
    }


# --- pages in the reader's language --------------------------------------------------


def for_reader(queryset):
    """`queryset` (pages, or translatable objects) as one reader's list: each item in the
    active language where it exists there, else in the default language. One query: the
    untranslated source rows are found by a subquery on translation keys.

    A translation replaces its source only when it is itself in `queryset`: a correction
    translated on a case whose translation is still a draft is not in a list of live cases'
    corrections, so the English one stays (and a page's translation must be live)."""
    active, default = active_locale_id(), default_locale_id()
    if active == default or active is None:
        return queryset.filter(locale_id=default)
    translated = queryset.filter(locale_id=active).values("translation_key")
    if isinstance(queryset.model, type) and issubclass(queryset.model, Page):
        translated = translated.filter(live=True)
    return queryset.filter(
        Q(locale_id=active) | (Q(locale_id=default) & ~Q(translation_key__in=translated))
    )


def translation_keys(chosen):
    """The translation keys of `chosen` (a relation's `.all()`): a subquery for a saved
    relation (no query of its own), a list for a preview's unsaved choice held in memory,
    which has no `.values()`."""
    if isinstance(chosen, QuerySet):
        return chosen.values("translation_key")
    return [item.translation_key for item in chosen]


def localize_pages(pages):
    """The given pages, each replaced by its live translation in the active language
    where there is one: one query for all of them. Pages of one type come back as that
    type (an ActionPage as an ActionPage); a mix comes back as plain Pages, enough for a
    link's title and address."""
    pages = [page for page in pages if page is not None]
    active = active_locale_id()
    keys = {page.translation_key for page in pages if page.locale_id != active}
    if not keys or active is None:
        return pages
    types = {type(page) for page in pages}
    model = types.pop() if len(types) == 1 else Page
    found = {
        page.translation_key: page
        for page in model._default_manager.filter(translation_key__in=keys, locale_id=active)
        .live()
        .defer_streamfields()
    }
    return [
        found.get(page.translation_key, page) if page.locale_id != active else page
        for page in pages
    ]


def localized_pages_by_id(ids):
    """{id: page}: the pages of `ids` (plain pages, enough for a link's title and address),
    each replaced by its live translation in the active language where there is one: one
    query, where reading the pages and then `localize_pages` costs two."""
    ids = {pk for pk in ids if pk is not None}
    if not ids:
        return {}
    active = active_locale_id()
    wanted = Q(pk__in=ids)
    if active is not None:
        keys = Page.objects.filter(pk__in=ids).exclude(locale_id=active).values("translation_key")
        wanted |= Q(translation_key__in=keys, locale_id=active, live=True)
    rows = list(Page.objects.filter(wanted).defer_streamfields())
    translated = {page.translation_key: page for page in rows if page.locale_id == active}
    return {
        page.pk: page if page.locale_id == active else translated.get(page.translation_key, page)
        for page in rows
        if page.pk in ids
    }


def localize_page(page):
    if page is None:
        return None
    return localize_pages([page])[0]


def source_of(page):
    """The page in the default language that `page` translates (`page` itself when it is
    in the default language, or has no source there). Counts and follows belong to it, so
    a signature on /ru/act/x/ and one on /act/x/ count toward one petition."""
    default = default_locale_id()
    if page.locale_id == default:
        return page
    source = (
        type(page)
        ._default_manager.filter(translation_key=page.translation_key, locale_id=default)
        .first()
    )
    return source or page


def translations_of(page):
    """[(code, name, live page or None)] for every language of the site, in the order of
    LANGUAGES, for the language switcher and the hreflang alternates (one query)."""
    # Live translations; a private section's pages keep their own login prompt.
    pages = {
        language_code(translation_page.locale_id): translation_page
        for translation_page in Page.objects.filter(translation_key=page.translation_key).live()
    }
    names = language_names()
    return [(code, names[code], pages.get(code)) for code, _ in settings.LANGUAGES]


def language_code(locale_pk):
    """The language code of the Locale with this id (None for None)."""
    if locale_pk is None:
        return None
    if locale_pk not in _locale_codes:
        _load_locales()
        _locale_codes.setdefault(locale_pk, None)
    return _locale_codes[locale_pk]


def sources_only(queryset):
    """`queryset` without the translations of default-language rows: each page (or
    object) once, as its source, e.g. one row per petition in the admin."""
    default = default_locale_id()
    sources = queryset.model._default_manager.filter(locale_id=default).values("translation_key")
    return queryset.exclude(~Q(locale_id=default) & Q(translation_key__in=sources))


def children_for_reader(parent, queryset):
    """The pages of `queryset` under `parent` or under any translation of it, each in the
    reader's language where it is translated, else in the default language: /ru/cases/
    lists the translated cases in Russian and the others in English. One query more than
    `queryset` (the parents' paths)."""
    parents = getattr(parent, "_versions_paths", None)
    if parents is None:  # asked once per page object, however many lists it makes
        parents = list(
            Page.objects.filter(translation_key=parent.translation_key).values_list(
                "path", "depth"
            )
        )
        parent._versions_paths = parents
    under = Q(pk__in=[])
    for path, depth in parents:
        under |= Q(path__startswith=path, depth=depth + 1)
    return for_reader(queryset.filter(under))


def localized_specific(page):
    """`page` as Wagtail's `page.localized.specific`: its live translation in the active
    language where there is one, else itself, as its specific type, in one query (Wagtail
    spends up to three: the active Locale, the translation, then its specific row)."""
    active = active_locale_id()
    model = page.specific_class or type(page)
    versions = model._default_manager.filter(translation_key=page.translation_key)
    if active is None or active == page.locale_id:
        found = versions.filter(pk=page.pk)
    else:
        found = versions.filter(Q(pk=page.pk) | Q(locale_id=active, live=True))
    by_locale = {version.locale_id: version for version in found}
    return by_locale.get(active) or by_locale.get(page.locale_id) or page
