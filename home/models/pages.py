from functools import cache

from django.db import models
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.search import index

from home.blocks import (
    RICH_TEXT_FEATURES,
    BodyBlock,
    HomePageBlock,
    default_home_page_body,
    home_page_sections,
)
from home.fragments import fragment_context
from home.i18n import active_locale_id

from .base import BasePage


@cache
def cached_home_sections():
    """The home page sections that are listings, kept as fragments (the hooks are fixed
    once the apps are loaded)."""
    return frozenset(section.name for section in home_page_sections() if section.cached)


class HomePage(BasePage):
    """The front page: a hero that says what the campaign is for, then blocks: the campaign
    sections (cases, count, action, news) registered by other apps, and generic ones."""

    credited_image_fields = ("hero_image",)

    hero_heading = models.CharField(
        _("hero heading"),
        max_length=120,
        blank=True,
        help_text=_("The one sentence a first-time visitor must read. Defaults to the title."),
    )
    hero_text = models.TextField(
        _("hero text"),
        max_length=400,
        blank=True,
        help_text=_("One or two sentences under the heading."),
    )
    hero_image = models.ForeignKey(
        "home.CustomImage",
        verbose_name=_("hero image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("A wide image (at least 1600 px across); its credit is shown."),
    )
    hero_link_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("hero button page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Where the hero's button leads, e.g. the cases or an action."),
    )
    hero_link_text = models.CharField(
        _("hero button text"),
        max_length=60,
        blank=True,
        help_text=_("e.g. “Meet the prisoners”. The button shows only with a page and a text."),
    )
    intro = RichTextField(_("introduction"), features=RICH_TEXT_FEATURES, blank=True)
    body = StreamField(
        HomePageBlock,
        verbose_name=_("body"),
        blank=True,
        default=default_home_page_body,
        help_text=_(
            "A new home page starts with the live count, the people detained, the action "
            "that most needs people, the latest updates and posts and the next hearings: "
            "each fills itself. Reorder them, remove them or add text between them."
        ),
    )

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "home.StandardPage",
        "campaigns.CampaignPage",
        "campaigns.CaseIndexPage",
        "campaigns.BlogIndexPage",
        "campaigns.ActionIndexPage",
        "campaigns.ContactPage",
    ]

    search_fields = BasePage.search_fields + [
        index.SearchField("hero_text"),
        index.SearchField("intro"),
        index.SearchField("body"),
    ]

    content_panels = BasePage.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("hero_heading"),
                FieldPanel("hero_text"),
                FieldPanel("hero_image"),
                FieldPanel("hero_link_page"),
                FieldPanel("hero_link_text"),
            ],
            heading=_("Hero"),
        ),
        FieldPanel("intro"),
        FieldPanel("body"),
    ]

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home pages")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(fragment_context(request, self, self.body, cached_home_sections()))
        return context

    def route(self, request, path_components):
        # Wagtail routes /ru/… from the Russian home page, or, when there is none, from
        # the English one: then every page would be English under a Russian address. Not
        # found instead; the 404 page links to the English page at the same address.
        if self.locale_id != active_locale_id():
            raise Http404
        return super().route(request, path_components)


class StandardPage(BasePage):
    """A plain page of text and blocks: about us, privacy, methodology."""

    intro = models.TextField(
        _("introduction"),
        max_length=600,
        blank=True,
        help_text=_("A short summary shown in larger type under the title."),
    )
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)

    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types = ["home.StandardPage"]

    search_fields = BasePage.search_fields + [
        index.SearchField("intro"),
        index.SearchField("body"),
    ]

    content_panels = BasePage.content_panels + [FieldPanel("intro"), FieldPanel("body")]

    class Meta:
        verbose_name = _("standard page")
        verbose_name_plural = _("standard pages")
