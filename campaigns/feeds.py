"""Atom feeds of case updates: all cases (/cases/feed/) and one case (/cases/<slug>/feed/)."""

import datetime

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _
from wagtail.rich_text import expand_db_html

from .models import CasePage, CaseUpdate

FEED_LENGTH = 50


class SiteAuthoredFeed(Feed):
    """A page's Atom feed at <page>/feed/, authored by the organisation (Atom requires an
    author). Subclasses set `self.page`."""

    feed_type = Atom1Feed

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def author_name(self):
        from home.models import SiteSettings

        name = SiteSettings.for_request(self.request).organisation_name
        return name or settings.WAGTAIL_SITE_NAME

    def link(self):
        return self.page.get_url(self.request)

    def feed_url(self):
        return self.link() + "feed/"

    def feed_guid(self):
        return self.page.get_full_url(self.request) + "feed/"


class CaseUpdatesFeed(SiteAuthoredFeed):
    """Dated updates, newest first; each entry links to the update's permalink."""

    def __init__(self, index=None, case=None):
        super().__init__()
        self.index, self.case = index, case
        self.page = case or index

    def title(self):
        if self.case:
            return _("Updates on the case of %(name)s") % {"name": self.case.person_name}
        return _("Updates on all cases")

    def subtitle(self):
        return self.page.search_description or self.page.listing_summary or None

    def items(self):
        updates = CaseUpdate.objects.select_related("page").order_by("-date", "-pk")
        if self.case:
            updates = updates.filter(page=self.case)
        else:
            updates = updates.filter(
                page__in=CasePage.objects.child_of(self.index).live().public().values("pk")
            )
        return updates[:FEED_LENGTH]

    def item_title(self, update):
        return f"{update.page.person_name}: {update.title}"

    def item_description(self, update):
        return expand_db_html(update.body) if update.body else update.title

    def item_link(self, update):
        return f"{update.page.get_url(self.request)}#{update.anchor}"

    def item_guid(self, update):
        return f"{update.page.get_full_url(self.request)}#{update.anchor}"

    def item_updateddate(self, update):
        return timezone.make_aware(
            datetime.datetime.combine(update.date, datetime.time()), datetime.UTC
        )

    item_pubdate = item_updateddate

    def item_categories(self, update):
        return [update.get_new_status_display()] if update.new_status else []


class BlogFeed(SiteAuthoredFeed):
    """The blog's posts, newest first, with their intros."""

    def __init__(self, index):
        super().__init__()
        self.index = self.page = index

    def title(self):
        return self.index.title

    def subtitle(self):
        return self.index.intro or None

    def items(self):
        return (
            self.index.posts()
            .defer_streamfields()
            .prefetch_related("authors")
            .order_by("-date", "-pk")[:FEED_LENGTH]
        )

    def item_title(self, post):
        return post.title

    def item_description(self, post):
        return post.intro

    def item_link(self, post):
        return post.get_url(self.request)

    def item_guid(self, post):
        return post.get_full_url(self.request)

    def item_pubdate(self, post):
        return timezone.make_aware(
            datetime.datetime.combine(post.date, datetime.time()), datetime.UTC
        )

    def item_updateddate(self, post):
        return post.last_published_at or self.item_pubdate(post)

    def item_author_name(self, post):
        return ", ".join(author.name for author in post.authors.all()) or None
