"""The site's languages in templates: menus and footer in the reader's language, the
language switcher and the hreflang alternates of a page."""

from functools import partial

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils import translation

from home import i18n
from home.fragments import kept_read
from home.models import SiteTexts

register = template.Library()


@register.simple_tag(takes_context=True)
def site_texts(context):
    """The menus and footer in the reader's language (else in the default language)."""
    request = context.get("request")
    return SiteTexts.for_request(request) if request is not None else SiteTexts()


@register.simple_tag
def source_language():
    """The language the site's content is written in before it is translated. Cited
    sources keep their titles as published (most in that language), so their `lang` says
    so, and a screen reader on /ru/ reads them with the right voice."""
    return settings.LANGUAGE_CODE


@register.filter
def language_of(obj):
    """The language code an object is written in (its locale's), or the active language."""
    code = i18n.language_code(getattr(obj, "locale_id", None))
    return code or translation.get_language()


def _alternates(context):
    """[(code, name, url or None, is_current)], each language's version of what is shown:
    the same page (with its sub-route, e.g. thanks/, and its query, e.g. filters), or for a
    view that is not a page, the same address under that language's prefix."""
    request = context.get("request")
    cached = getattr(request, "_language_alternates", None)
    if cached is not None:
        return cached
    page = context.get("page")
    current = translation.get_language()
    alternates = []
    if request is None:
        return alternates
    query = request.META.get("QUERY_STRING", "")
    query = f"?{query}" if query else ""
    if page is not None and getattr(page, "translation_key", None) and page.pk:
        page_url = page.get_url(request=request) or ""
        sub_route = request.path[len(page_url) :] if request.path.startswith(page_url) else ""
        translations = kept_read(
            request, "translations", (page.translation_key,), partial(i18n.translations_of, page)
        )
        for code, name, translated in translations:
            url = None
            if translated is not None:
                base = translated.get_url(request=request)
                url = f"{base}{sub_route}{query}" if base else None
            alternates.append((code, name, url, code == current))
    else:
        names = i18n.language_names()
        for code, _name in settings.LANGUAGES:
            url = translate_url(request.path, code) + query
            alternates.append((code, names[code], url, code == current))
    request._language_alternates = alternates  # the switcher and the <head> ask once
    return alternates


@register.inclusion_tag("includes/language_switcher.html", takes_context=True)
def language_switcher(context):
    alternates = _alternates(context)
    return {
        "alternates": alternates,
        "missing": [
            name for _code, name, url, current in alternates if url is None and not current
        ],
    }


@register.inclusion_tag("includes/hreflang.html", takes_context=True)
def hreflang_links(context):
    request = context.get("request")
    alternates = [
        (code, request.build_absolute_uri(url))
        for code, _name, url, _current in _alternates(context)
        if url is not None
    ]
    default = dict(alternates).get(settings.LANGUAGE_CODE)
    return {"alternates": alternates, "x_default": default}
