from typing import NamedTuple

from django.core.cache import cache
from django.db import models
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils import translation
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Site, TranslatableMixin

from home.blocks import LinkListBlock, SocialLinkBlock
from home.fragments import FRAGMENT_SECONDS, bump_shell_generation, generation, shell_generation
from home.i18n import active_locale_id, default_locale_id, localized_pages_by_id


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
    """Who runs the site and how to reach them; used in the header, footer and share cards."""

    organisation_name = models.CharField(
        _("organisation name"),
        max_length=120,
        help_text=_("Shown in the header, the footer and share cards."),
    )
    contact_email = models.EmailField(
        _("public contact email"),
        blank=True,
        help_text=_("Shown in the footer. Use a role address, not a person's."),
    )
    default_share_image = models.ForeignKey(
        "home.CustomImage",
        verbose_name=_("default share image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Used when a shared page has no image of its own (1200×630 works best)."),
    )
    social_links = StreamField(
        [("profile", SocialLinkBlock())],
        verbose_name=_("social profiles"),
        blank=True,
        help_text=_("Shown as plain links in the footer: nothing loads from those sites."),
    )

    # Every page's share card falls back to it: read with the settings, not after them.
    select_related = ["default_share_image"]

    panels = [
        FieldPanel("organisation_name"),
        FieldPanel("contact_email"),
        FieldPanel("default_share_image"),
        FieldPanel("social_links"),
    ]

    class Meta:
        verbose_name = _("site settings")

    @classmethod
    def for_request(cls, request):
        """Wagtail's, read from the shared cache until the settings or an image is saved:
        every page draws them, and Wagtail reads them on each request."""
        attribute = cls.get_cache_attr_name()
        if hasattr(request, attribute):
            return getattr(request, attribute)
        site = Site.find_for_request(request)
        if site is None:
            raise cls.DoesNotExist(f"{cls} does not exist for site None.")
        key = f"site-settings:{site.pk}:{shell_generation(request)}"
        found = cache.get(key)
        if found is None:
            found = cls.for_site(site)
            cache.set(key, found, FRAGMENT_SECONDS)
        found._request = request
        setattr(request, attribute, found)
        return found


class SiteTexts(TranslatableMixin, models.Model):
    """What the header and footer say: one set per language, translated like a page.

    The facts about the site (who runs it, the contact address, the social profiles) are in
    the site settings; the words readers see around every page are here, so that /ru/ and
    /kk/ show them in Russian and Kazakh. A language with no translation yet shows the
    English set.
    """

    site_name = models.CharField(
        _("site name"),
        max_length=120,
        blank=True,
        help_text=_(
            "The name in the header and the page titles, in this language. Empty: the "
            "organisation's name from the site settings."
        ),
    )
    tagline = models.CharField(
        _("tagline"),
        max_length=160,
        blank=True,
        help_text=_("A few words after the site's name in the home page's title."),
    )
    primary_links = StreamField(
        LinkListBlock(),
        verbose_name=_("main menu"),
        blank=True,
        help_text=_("Up to about six links; they wrap onto two lines on phones."),
    )
    footer_links = StreamField(
        LinkListBlock(),
        verbose_name=_("footer links"),
        blank=True,
        help_text=_("At most 12 links, e.g. privacy, contact, press."),
    )
    footer_text = RichTextField(
        _("footer text"),
        features=["bold", "italic", "link"],
        blank=True,
        help_text=_("e.g. who runs the campaign and the licence of the content."),
    )

    panels = [
        FieldPanel("site_name"),
        FieldPanel("tagline"),
        FieldPanel("primary_links"),
        FieldPanel("footer_links"),
        FieldPanel("footer_text"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("menus and footer")
        verbose_name_plural = _("menus and footer")

    def __str__(self):
        return str(_("Menus and footer (%(language)s)") % {"language": self.locale})

    @classmethod
    def for_request(cls, request):
        """The set in the reader's language, else the default language's; kept on the
        request, so a page asks once, and in the shared cache until any set is saved, so
        most pages do not ask at all."""
        cached = getattr(request, "_site_texts", None)
        if cached is None:
            wanted = [active_locale_id(), default_locale_id()]
            key = f"site-texts:{wanted[0]}:{wanted[1]}:{shell_generation(request)}"
            cached = cache.get(key)
            if cached is None:
                found = {
                    texts.locale_id: texts for texts in cls.objects.filter(locale_id__in=wanted)
                }
                cached = next((found[pk] for pk in wanted if pk in found), None) or cls()
                cache.set(key, cached, FRAGMENT_SECONDS)
            cached.request = request
            request._site_texts = cached
        return cached

    request = None

    @cached_property
    def menus(self):
        """{"primary": [MenuLink], "footer": [MenuLink]}: the links in the reader's
        language, kept in the shared cache until a page or these texts are published or
        saved (home.fragments): building them read the chosen pages and their
        translations, two or three queries on every page."""
        key = ":".join(
            str(part)
            for part in (
                "site-menus",
                self.pk,
                translation.get_language(),
                self.request.get_host() if self.request else "",
                generation(self.request),
            )
        )
        menus = cache.get(key)
        if menus is None:
            menus = self.build_menus()
            cache.set(key, menus, FRAGMENT_SECONDS)
        return menus

    def build_menus(self):
        """The links of both lists with their pages in the reader's language, read in one
        query (the lists' choosers would read their pages one list at a time, then their
        translations)."""
        links = {
            name: [item["value"] for item in field.raw_data if item["type"] == "link"]
            for name, field in (("primary", self.primary_links), ("footer", self.footer_links))
        }
        pages = localized_pages_by_id(
            link.get("page") for values in links.values() for link in values
        )
        return {
            name: [
                MenuLink.of_raw(link, pages.get(link.get("page")), self.request) for link in values
            ]
            for name, values in links.items()
        }


class MenuLink(NamedTuple):
    """A menu or footer link as the templates draw it; `translation_key` marks the link
    to the page being shown."""

    href: str
    text: str
    translation_key: str | None

    @classmethod
    def of_raw(cls, link, page, request=None):
        """From a link block's stored value and its page (None: an address elsewhere, or a
        page since deleted, which shows the address given, if any, as `LinkValue` does)."""
        href = page.get_url(request) if page is not None else link.get("url")
        text = link.get("label") or (page.title if page is not None else link.get("url"))
        return cls(
            str(href or ""),
            str(text or ""),
            str(page.translation_key) if page is not None else None,
        )


@receiver(post_save, sender=SiteTexts)
@receiver(post_delete, sender=SiteTexts)
@receiver(post_save, sender=SiteSettings)
@receiver(post_save, sender="home.CustomImage")
@receiver(post_delete, sender="home.CustomImage")
def site_shell_changed(update_fields=None, **kwargs):
    """The texts, settings and menus kept in the cache are out of date, and so is any
    fragment that draws a changed picture (not when Wagtail only fills in an image's
    hash or size: nothing drawn changes)."""
    if update_fields and set(update_fields) <= {"file_hash", "file_size"}:
        return
    bump_shell_generation()
