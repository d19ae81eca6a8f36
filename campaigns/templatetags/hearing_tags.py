"""A case's hearings in its page: those to come, and its timeline with the past ones."""

from django import template

from campaigns.hearings import listing

register = template.Library()


@register.simple_tag
def upcoming_hearings(page):
    return listing.upcoming_hearings(page)


@register.simple_tag
def case_timeline(page):
    """The case's updates (newest first) with its past hearings among them."""
    return listing.timeline(page, page.ordered_updates)
