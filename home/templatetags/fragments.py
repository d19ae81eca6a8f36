"""`{% page_fragment_key as key %}`: the cache key part of the page being shown, for a
`{% cache %}` fragment of it (home.fragments); "" in a preview or outside a page."""

from django import template

from home.fragments import fragment_key

register = template.Library()


@register.simple_tag(takes_context=True)
def page_fragment_key(context):
    page = context.get("page")
    if page is None or not getattr(page, "pk", None):
        return ""
    return fragment_key(context.get("request"), page) or ""
