"""Atom feeds of case updates: all cases (/cases/feed/) and one case (/cases/<slug>/feed/).

The page gives the feed its updates, so the feed needs no model of its own."""

from django.utils.translation import gettext as _
from wagtail.rich_text import expand_db_html

from home.feeds import FEED_LENGTH, SiteAuthoredFeed, day_start


class CaseUpdatesFeed(SiteAuthoredFeed):
    """Dated updates, newest first; each entry links to the update's permalink."""

    def __init__(self, page, updates, case=None):
        """`updates`: the page's updates (a queryset); `case`: the case, for its own feed."""
        super().__init__()
        self.page, self.updates, self.case = page, updates, case

    def title(self):
        if self.case:
            return _("Updates on the case of %(name)s") % {"name": self.case.person_name}
        return _("Updates on all cases")

    def subtitle(self):
        return self.page.search_description or self.page.listing_summary or None

    def items(self):
        return self.updates.select_related("page").order_by("-date", "-pk")[:FEED_LENGTH]

    def item_title(self, update):
        return f"{update.page.person_name}: {update.title}"

    def item_description(self, update):
        return expand_db_html(update.body) if update.body else update.title

    def item_link(self, update):
        return f"{update.page.get_url(self.request)}#{update.anchor}"

    def item_guid(self, update):
        return f"{update.page.get_full_url(self.request)}#{update.anchor}"

    def item_updateddate(self, update):
        return day_start(update.date)

    item_pubdate = item_updateddate

    def item_categories(self, update):
        return [update.get_new_status_display()] if update.new_status else []
