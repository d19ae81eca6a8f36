"""schema.org structured data (JSON-LD) that search engines and link previews read.

Builders return plain dicts; `script()` renders one as `<script type="application/ld+json">`.
Such a block is data, never run: the strict CSP (`script-src 'self'`) does not apply to it,
so no inline-script exception is needed. What it holds comes from editors and readers'
names, so `<`, `>` and `&` are escaped as JSON `\\u` escapes (as Django's `json_script`
does): a title holding `</script>` cannot close the block.

The generic parts live here (the breadcrumb trail); each feature in `campaigns` builds its
own type (Person, Article, Event) from what its page already loaded, so no builder queries.
"""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import mark_safe

SCHEMA = "https://schema.org"
HTML_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def thing(kind, **properties):
    """A schema.org item of type `kind`, without the properties that are empty."""
    return {"@type": kind, **{key: value for key, value in properties.items() if value}}


def document(*items):
    """One JSON-LD document: the item with its @context, or several in a @graph."""
    if len(items) == 1:
        return {"@context": SCHEMA, **items[0]}
    return {"@context": SCHEMA, "@graph": list(items)}


def script(*items):
    """The items as one safely escaped JSON-LD block; empty when there is none."""
    if not items:
        return ""
    text = json.dumps(document(*items), cls=DjangoJSONEncoder, ensure_ascii=False)
    escaped = mark_safe(text.translate(HTML_ESCAPES))  # noqa: S308 - no <, > or & is left
    return format_html('<script type="application/ld+json">{}</script>', escaped)


def breadcrumb_list(trail):
    """A BreadcrumbList of `trail`, [(name, absolute url)] from the home page to here."""
    return thing(
        "BreadcrumbList",
        itemListElement=[
            thing("ListItem", position=position, name=name, item=url)
            for position, (name, url) in enumerate(trail, start=1)
        ],
    )


def page_breadcrumbs(page, ancestors, request=None):
    """The BreadcrumbList of `page` below `ancestors` (home page first), with full urls."""
    trail = [(ancestor.title, ancestor.get_full_url(request)) for ancestor in ancestors]
    return breadcrumb_list([*trail, (page.title, page.get_full_url(request))])
