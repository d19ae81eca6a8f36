"""The base of the site's Atom feeds: a page's feed at <page>/feed/."""

import datetime

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed

from home.models import SiteSettings, SiteTexts

FEED_LENGTH = 50


def day_start(date):
    """Midnight UTC of `date`: feeds need a moment, and the site records days."""
    return timezone.make_aware(datetime.datetime.combine(date, datetime.time()), datetime.UTC)


class SiteAuthoredFeed(Feed):
    """A page's Atom feed at <page>/feed/, authored by the organisation (Atom requires an
    author). Subclasses set `self.page`."""

    feed_type = Atom1Feed

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def author_name(self):
        name = (
            SiteTexts.for_request(self.request).site_name
            or SiteSettings.for_request(self.request).organisation_name
        )
        return name or settings.WAGTAIL_SITE_NAME

    def link(self):
        return self.page.get_url(self.request)

    def feed_url(self):
        return self.link() + "feed/"

    def feed_guid(self):
        return self.page.get_full_url(self.request) + "feed/"
