"""Campaign landing pages: a hero, blocks, and everything that names the campaign.

Cases, blog posts and actions each choose their campaign ("related campaign" on the
page); the landing page finds them itself (campaigns.related), so nobody keeps a list by
hand.
"""

from urllib.parse import urlencode

from django.apps import apps
from django.db import models
from django.db.models import Case, Value, When
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from campaigns.actions.queries import open_actions
from campaigns.blog.models import latest_posts
from campaigns.cases.choices import DETAINED_STATUSES
from campaigns.cases.models import CasePage, for_cards
from campaigns.related import in_campaign
from home.fragments import fragment_context
from home.i18n import for_reader
from home.models import BasePage

from .blocks import CampaignBlock

# What the landing page adds by itself when its body has no block doing the same.
AUTO_POSTS = 3
# The most people the page lists itself; "See all" leads to the rest.
CAMPAIGN_CASES = 12
# Body blocks kept as fragments until a page is published: listings without live counts.
CACHED_BLOCKS = frozenset({"case_cards", "latest_posts"})


class CampaignPage(BasePage):
    """A campaign's landing page (e.g. /kazakhstan/): a hero, then blocks, then what names it.

    Below the body the page adds, without any list kept by hand:
    - "The people in this campaign": up to 12 published cases naming the campaign, the
      detained first, and a link to all of them on the case index, always;
    - "Act now": the campaign's open actions with live counts, unless the body already
      has an "Open actions" block; actions the body promotes with a call-to-action
      teaser are left out, so no action is shown twice;
    - "Latest posts": the newest posts naming the campaign, unless the body already has
      a "Latest posts" block.
    Editors who want these somewhere else place the blocks in the body themselves.
    """

    credited_image_fields = ("hero_image",)

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
    body = StreamField(
        CampaignBlock(),
        verbose_name=_("body"),
        blank=True,
        help_text=_(
            "Text, live counters, case cards, calls to action and latest posts. The "
            "campaign's cases, open actions and newest posts are added below by themselves."
        ),
    )

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

    def published_cases(self):
        return in_campaign(CasePage.objects.live().public(), self)

    def campaign_cases(self, cases=None):
        """The people shown on the page: at most CAMPAIGN_CASES, the detained first, real
        cases before invented ones; "See all" leads to the case index filtered by the
        campaign (the whole list made a page of 584 KB at 1,000 cases)."""
        cases = self.published_cases() if cases is None else cases
        held_first = Case(When(current_status__in=DETAINED_STATUSES, then=Value(0)), default=1)
        ordered = for_cards(cases).order_by(held_first, "is_fictional", "person_name", "pk")
        return list(ordered[:CAMPAIGN_CASES])

    def all_cases_url(self, request=None):
        """The case index filtered by this campaign, in the reader's language (one query)."""
        index = for_reader(apps.get_model("campaigns", "CaseIndexPage").objects.live()).first()
        if index is None:
            return ""
        return f"{index.get_url(request)}?{urlencode({'campaign': self.slug})}"

    def body_block_types(self):
        # The raw JSON, so that no chosen page is fetched just to learn a block's type.
        return {item["type"] for item in self.body.raw_data}

    def teased_action_ids(self):
        return {
            item["value"].get("action")
            for item in self.body.raw_data
            if item["type"] == "action" and isinstance(item["value"], dict)
        } - {None}

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # The people and posts are read only when their fragment is drawn (home.fragments);
        # the actions show live counts and are read each time.
        context["listings"] = CampaignListings(self, request)
        context.update(fragment_context(request, self, self.body, CACHED_BLOCKS))
        used = self.body_block_types()
        if "open_actions" not in used:
            teased = Page.objects.filter(pk__in=self.teased_action_ids())
            actions = open_actions(self).exclude(
                translation_key__in=teased.values("translation_key")
            )
            context["campaign_actions"] = list(actions)
        return context


class CampaignListings:
    """What the landing page lists below its body, read on first use: inside a fragment
    kept in the cache, nothing is read until a page is published."""

    def __init__(self, campaign, request):
        self.campaign, self.request = campaign, request

    @cached_property
    def published_cases(self):
        return self.campaign.published_cases()

    @cached_property
    def cases(self):
        return self.campaign.campaign_cases(self.published_cases)

    @cached_property
    def cases_total(self):
        return self.published_cases.count() if self.cases else 0

    @cached_property
    def all_cases_url(self):
        return self.campaign.all_cases_url(self.request) if self.cases else ""

    @cached_property
    def posts(self):
        if "latest_posts" in self.campaign.body_block_types():
            return []
        return list(latest_posts(self.campaign, AUTO_POSTS))
