from django import template
from django.utils.safestring import mark_safe

from campaigns.blog_search import highlight as highlight_text

register = template.Library()


@register.simple_tag
def highlight(text, query):
    """Escape `text` and mark every word of `query` in it."""
    return highlight_text(str(text), query)


@register.filter(is_safe=True, needs_autoescape=True)
def urlize_ugc(value, autoescape=True):
    """Like urlize, with the links readers post marked `nofollow ugc`."""
    from django.utils.html import urlize

    html = urlize(value, nofollow=True, autoescape=autoescape)
    return mark_safe(html.replace('rel="nofollow"', 'rel="nofollow ugc noopener"'))  # noqa: S308
