"""The base of the site's Atom feeds: a page's feed at <page>/feed/."""

import datetime

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.templatetags.static import static
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Stylesheet
from django.utils.xmlutils import SimplerXMLGenerator

from home.models import SiteSettings, SiteTexts

FEED_LENGTH = 50


def day_start(date):
    """Midnight UTC of `date`: feeds need a moment, and the site records days."""
    return timezone.make_aware(datetime.datetime.combine(date, datetime.time()), datetime.UTC)


class StyledAtom1Feed(Atom1Feed):
    """Atom that names its stylesheets in `xml-stylesheet` processing instructions before
    the root element, as Django's RSS feeds do (Django's Atom1Feed drops them).

    Served as `application/xml`: browsers show `application/atom+xml` as plain text and
    never apply its stylesheet, while feed readers recognise Atom by its root element
    whatever the type. Pages still announce their feeds as application/atom+xml."""

    content_type = "application/xml; charset=utf-8"

    def write(self, outfile, encoding):
        handler = SimplerXMLGenerator(outfile, encoding, short_empty_elements=True)
        handler.startDocument()
        for stylesheet in self.feed["stylesheets"] or []:
            handler.processingInstruction("xml-stylesheet", str(stylesheet))
        handler.startElement("feed", self.root_attributes())
        self.add_root_elements(handler)
        self.write_items(handler)
        handler.endElement("feed")


class SiteAuthoredFeed(Feed):
    """A page's Atom feed at <page>/feed/, authored by the organisation (Atom requires an
    author). Subclasses set `self.page`."""

    feed_type = StyledAtom1Feed

    def stylesheets(self):
        """The site's own XSLT (home/static/feeds/atom.xsl), named in an `xml-stylesheet`
        processing instruction: a browser opening the feed shows a page explaining what a
        feed is and how to subscribe, in the feed's language, instead of raw XML. Feed
        readers ignore the instruction, so the feed stays plain Atom."""
        return [Stylesheet(static("feeds/atom.xsl"), mimetype="text/xsl")]

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
