"""The schema.org data of the campaign pages, rendered by home.structured_data: the Person
of a case, the Article of a post, the Events of upcoming hearings. Each tag takes what its
template already has, so none adds a query (a post's authors and cases may be lazy, read only
when a part that shows them is drawn: the tag reads them before the builder runs)."""

from django import template

from campaigns.blog.structured_data import article
from campaigns.cases.structured_data import person
from campaigns.hearings.structured_data import event
from home.structured_data import script

register = template.Library()


@register.simple_tag(takes_context=True)
def case_json_ld(context, case):
    return script(person(case, context.get("request")))


@register.simple_tag(takes_context=True)
def post_json_ld(context, post, authors, cases, publisher):
    """`authors` and `cases` are read here (once, shared with the parts of the page that
    show them) so that the Article is built from loaded objects only."""
    authors, cases = list(authors), list(cases)
    return script(article(post, authors, cases, publisher, context.get("request")))


@register.simple_tag(takes_context=True)
def hearings_json_ld(context, hearings, case=None):
    """Events of `hearings`, all of `case`, or each of its own case (`hearing.page`)."""
    request = context.get("request")
    return script(*(event(hearing, case or hearing.page, request) for hearing in hearings))
