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


@register.filter
def trail(page):
    """The pages above `page` a breadcrumb shows (from the home page down, the tree's root
    left out): read from the parents routing left on the page (`_cached_parent_obj`, as
    Wagtail's routing sets it), so no query; else from the database."""
    found, current = [], page
    while current.depth > 2:
        parent = current.__dict__.get("_cached_parent_obj")
        if parent is None:
            return list(page.get_ancestors()[1:])
        found.append(parent)
        current = parent
    return found[::-1]
