"""The sitemap: every live, public page in every language, each with its alternates
(`<xhtml:link rel="alternate" hreflang=…>`), so that search engines find the Russian and
Kazakh pages and know which English page each translates."""

from collections import defaultdict

from django.conf import settings
from django.db.models import Q
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page

from home.i18n import language_code


class TranslatedSitemap(Sitemap):
    def items(self):
        root = self.get_wagtail_site().root_page
        roots = Page.objects.filter(translation_key=root.translation_key).values_list(
            "path", flat=True
        )
        under = Q(pk__in=[])
        for path in roots:
            under |= Q(path__startswith=path)
        return (
            Page.objects.filter(under)
            .live()
            .public()
            .order_by("path")
            .defer_streamfields()
            .specific()
        )

    def _urls(self, page, protocol, domain):
        urls = super()._urls(page, protocol, domain)
        by_key = defaultdict(list)
        for item in self.paginator.page(page).object_list:
            by_key[item.translation_key].append(item)
        located = {}
        for pages in by_key.values():
            alternates = [
                {
                    "location": item.get_full_url(self.request),
                    "lang_code": language_code(item.locale_id),
                }
                for item in pages
            ]
            default = next(
                (a for a in alternates if a["lang_code"] == settings.LANGUAGE_CODE), None
            )
            if default:
                alternates.append({"location": default["location"], "lang_code": "x-default"})
            for item in pages:
                located[item.get_full_url(self.request)] = alternates
        for url in urls:
            url["alternates"] = located.get(url["location"], [])
        return urls
