from django import template
from django.utils.html import urlize
from django.utils.safestring import mark_safe

from campaigns.actions.queries import related_actions
from campaigns.blog.search import highlight as highlight_text

register = template.Library()


@register.simple_tag
def highlight(text, query):
    """Escape `text` and mark every word of `query` in it."""
    return highlight_text(str(text), query)


@register.filter(is_safe=True, needs_autoescape=True)
def urlize_ugc(value, autoescape=True):
    """Like urlize, with the links readers post marked `nofollow ugc`."""
    html = urlize(value, nofollow=True, autoescape=autoescape)
    return mark_safe(html.replace('rel="nofollow"', 'rel="nofollow ugc noopener"'))  # noqa: S308


@register.simple_tag(takes_context=True)
def actions_about(context, case):
    """Live actions about `case`, open ones first, which ones kept with the page's
    fragments (one query for their counts). A template tag, so that the case page needs
    nothing of the actions that name it."""
    case_ids = [case.pk] if case.pk else []
    return related_actions(case_ids, key=context.get("fragment_key"))
