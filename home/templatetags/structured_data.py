"""Structured data of the site shell: the breadcrumb trail as a schema.org BreadcrumbList."""

from django import template

from home import structured_data

register = template.Library()


@register.simple_tag(takes_context=True)
def page_breadcrumbs_json_ld(context, ancestors):
    """The trail of `page` through `ancestors` (the list the visible breadcrumbs show, so
    it costs no query of its own)."""
    data = structured_data.page_breadcrumbs(context["page"], ancestors, context.get("request"))
    return structured_data.script(data)


@register.simple_tag(takes_context=True)
def breadcrumbs_json_ld(context, *names_and_urls):
    """The trail of a view that is not a page: `name url name url ...`, site-relative urls."""
    request = context["request"]
    pairs = zip(names_and_urls[::2], names_and_urls[1::2], strict=True)
    trail = [(str(name), request.build_absolute_uri(url)) for name, url in pairs]
    return structured_data.script(structured_data.breadcrumb_list(trail))
