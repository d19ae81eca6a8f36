"""The Atom feed of corrections at /corrections/feed/ (and /ru/…, /kk/…)."""

from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail.models import Site

from home.feeds import FEED_LENGTH, SiteAuthoredFeed, day_start


class CorrectionsFeed(SiteAuthoredFeed):
    """Every public correction, newest first; each entry links to it on its case page.

    Entry ids are the correction's permalink, the same whatever the entry's wording, so a
    reader's feed client never shows one correction twice."""

    def __init__(self, corrections):
        super().__init__()
        self.corrections = corrections

    def title(self):
        return _("Corrections")

    def subtitle(self):
        return _("Facts we corrected on our case pages, with the reason and the source.")

    def link(self):
        return reverse("corrections")

    def feed_url(self):
        return reverse("corrections_feed")

    def feed_guid(self):
        # The site's own address (as the pages' ids have), whatever host the request named.
        site = Site.find_for_request(self.request)
        root = site.root_url if site else self.request.build_absolute_uri("/").rstrip("/")
        return root + reverse("corrections_feed")

    def items(self):
        return self.corrections[:FEED_LENGTH]

    def item_title(self, correction):
        return _("%(name)s: correction of %(facts)s") % {
            "name": correction.page.person_name,
            "facts": correction.facts_display,
        }

    def item_description(self, correction):
        return _("%(reason)s Source: %(source)s (%(url)s)") % {
            "reason": correction.reason,
            "source": correction.source_title,
            "url": correction.source_url,
        }

    def item_link(self, correction):
        return f"{correction.page.get_url(self.request)}#{correction.anchor}"

    def item_guid(self, correction):
        return f"{correction.page.get_full_url(self.request)}#{correction.anchor}"

    def item_updateddate(self, correction):
        return day_start(correction.date)

    item_pubdate = item_updateddate

    def item_categories(self, correction):
        return [str(label) for label in correction.fact_labels]
