"""Campaign landing pages: a hero, blocks, and everything that names the campaign.

Cases, blog posts and actions each choose their campaign ("related campaign" on the
page); the landing page finds them itself (campaigns.related), so nobody keeps a list by
hand.
"""

from urllib.parse import urlencode

from django.apps import apps
from django.db import models
from django.db.models import (
    BooleanField,
    Case,
    ExpressionWrapper,
    Func,
    Q,
    Subquery,
    Value,
    When,
)
from django.utils.functional import SimpleLazyObject, cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.search import index

from campaigns.actions.queries import actions_of_page
from campaigns.blog.models import latest_posts
from campaigns.cases.choices import DETAINED_STATUSES
from campaigns.cases.models import CasePage, for_cards
from campaigns.related import in_campaign
from home.blocks import pages_read_ahead
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
# Body blocks showing actions with their live counts: drawn each time, read with the list.
ACTION_BLOCKS = frozenset({"live_counter", "action"})


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

    route_select_related = ("hero_image",)
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

    def case_cards(self, chosen_keys=()):
        """The cases the page shows, ready for cards, in one batch (one query, and one per
        prefetch of `for_cards`):
        - the people it lists itself, marked `listed`: at most CAMPAIGN_CASES, the detained
          first, real cases before invented ones, each with `listed_total`, the number of
          the campaign's cases ("See all" leads to the case index filtered by the campaign:
          the whole list made a page of 584 KB at 1,000 cases);
        - the cases of `chosen_keys` (translation keys), chosen in the body's case cards,
          each in the reader's language where translated.
        The listed ones come in their order."""
        live = CasePage.objects.live().public()
        held_first = Case(When(current_status__in=DETAINED_STATUSES, then=Value(0)), default=1)
        order = (held_first, "is_fictional", "person_name", "pk")
        campaign_cases = in_campaign(live, self)
        listed = Q(pk__in=campaign_cases.order_by(*order)[:CAMPAIGN_CASES].values("pk"))
        total = campaign_cases.order_by().annotate(number=Func("pk", function="COUNT"))
        cases = for_reader(live).filter(listed | Q(translation_key__in=chosen_keys))
        cards = for_cards(cases).annotate(
            listed=ExpressionWrapper(listed, output_field=BooleanField()),
            listed_total=Subquery(total.values("number")),
        )
        return list(cards.order_by(*order))

    def all_cases_url(self, request=None):
        """The case index filtered by this campaign, in the reader's language (one query)."""
        index = for_reader(apps.get_model("campaigns", "CaseIndexPage").objects.live()).first()
        if index is None:
            return ""
        return f"{index.get_url(request)}?{urlencode({'campaign': self.slug})}"

    def body_block_types(self):
        # The raw JSON, so that no chosen page is fetched just to learn a block's type.
        return {item["type"] for item in self.body.raw_data}

    def chosen_action_ids(self, block_type):
        """The actions chosen in the body's blocks of `block_type`, from the raw JSON."""
        return {
            item["value"].get("action")
            for item in self.body.raw_data
            if item["type"] == block_type and isinstance(item["value"], dict)
        } - {None}

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # The people and posts are read only when their fragment is drawn (home.fragments);
        # the actions show live counts and are read each time.
        context["listings"] = listings = CampaignListings(self, request)
        context["known_case_cards"] = SimpleLazyObject(listings.known_case_cards)
        context.update(fragment_context(request, self, self.body, CACHED_BLOCKS))
        listed = "open_actions" not in self.body_block_types()
        teased = self.chosen_action_ids("action")
        chosen = teased | self.chosen_action_ids("live_counter")
        # Every action the page shows, in one query: its open ones, and those of its
        # counters and calls to action (drawn each time), converted now from that reading.
        actions = actions_of_page(self, chosen, with_open=listed)
        with pages_read_ahead(chosen, actions):
            for index, item in enumerate(self.body.raw_data):
                if item["type"] in ACTION_BLOCKS:
                    self.body[index]  # noqa: B018 (converts the blocks of this type)
        if listed:
            # An action the body promotes with a call to action is not listed again.
            teased_keys = {action.translation_key for action in actions if action.pk in teased}
            context["campaign_actions"] = [
                action
                for action in actions
                if action.listed and action.translation_key not in teased_keys
            ]
        return context


class CampaignListings:
    """What the landing page lists below its body, read on first use: inside a fragment
    kept in the cache, nothing is read until a page is published."""

    def __init__(self, campaign, request):
        self.campaign, self.request = campaign, request
        self.cards, self.chosen_keys = None, frozenset()

    def read_cards(self, chosen_keys=frozenset()):
        """The page's cards, one batch for its list and its body's case cards, read by
        whichever is drawn first (the body's, when both are), or None when the batch read
        first did not hold the cases of `chosen_keys`."""
        if self.cards is None:
            self.cards = self.campaign.case_cards(chosen_keys)
            self.chosen_keys = frozenset(chosen_keys)
        return self.cards if chosen_keys <= self.chosen_keys else None

    @cached_property
    def cases(self):
        return [case for case in self.read_cards() if case.listed]

    @cached_property
    def cases_total(self):
        return self.cases[0].listed_total if self.cases else 0

    def known_case_cards(self):
        """For the body's case cards (campaigns.cases.blocks.CaseCardsBlock), read when the
        first is drawn: each chosen case's translation key, with the version this reader
        sees (None: none is shown)."""
        body = self.campaign.body
        chosen = {
            page.translation_key
            for index, item in enumerate(body.raw_data)
            if item["type"] == "case_cards"
            for page in body[index].value.get("cases") or []
            if page
        }
        cards = self.read_cards(chosen)
        if cards is None:  # the list was drawn first: the block reads its cases itself
            return {}
        known = dict.fromkeys(chosen)
        known.update(
            (case.translation_key, case) for case in cards if case.translation_key in known
        )
        return known

    @cached_property
    def all_cases_url(self):
        return self.campaign.all_cases_url(self.request) if self.cases else ""

    @cached_property
    def posts(self):
        if "latest_posts" in self.campaign.body_block_types():
            return []
        return list(latest_posts(self.campaign, AUTO_POSTS))
