"""Campaign landing pages: one per country or cause, gathering the cases that name them."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.search import index

from home.blocks import BodyBlock
from home.models import BasePage


class CampaignPage(BasePage):
    """A campaign's landing page (e.g. /kazakhstan/): a hero, blocks, and its cases.

    Cases choose their campaign ("related campaign" on the case); they appear
    here without anyone keeping a list by hand.
    """

    hero_text = models.TextField(
        _("hero text"),
        max_length=400,
        blank=True,
        help_text=_("One or two sentences under the title: what the campaign asks for."),
    )
    hero_image = models.ForeignKey(
        "home.CustomImage",
        verbose_name=_("hero image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("A wide image; its credit is shown."),
    )
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)

    parent_page_types = ["home.HomePage"]
    subpage_types = []

    search_fields = BasePage.search_fields + [
        index.SearchField("hero_text"),
        index.SearchField("body"),
    ]

    content_panels = BasePage.content_panels + [
        MultiFieldPanel([FieldPanel("hero_text"), FieldPanel("hero_image")], heading=_("Hero")),
        FieldPanel("body"),
    ]

    class Meta:
        verbose_name = _("campaign page")
        verbose_name_plural = _("campaign pages")

    def campaign_cases(self):
        from .cases import CasePage, for_cards

        cases = CasePage.objects.live().public().filter(related_campaign=self)
        return for_cards(cases).order_by("person_name")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["campaign_cases"] = self.campaign_cases()
        return context
