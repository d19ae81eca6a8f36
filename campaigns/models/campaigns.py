"""Campaign landing pages, and the queries that gather what names a campaign.

Cases, blog posts and actions each choose their campaign ("related campaign" on the
page); the landing page finds them itself, so nobody keeps a list by hand. The same
helpers serve the campaign blocks (`campaigns.blocks`) and the case and post pages.
"""

from django.db import models
from django.db.models import Case, Q, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.images import get_image_model
from wagtail.search import index

from home.models import BasePage

from ..blocks import CampaignBlock

# What the landing page adds by itself when its body has no block doing the same.
AUTO_POSTS = 3
RELATED_ACTIONS = 6
POST_TEASER_IMAGE = "fill-480x270"


def in_campaign(pages, campaign):
    """`pages` that name `campaign`; all of them when there is no campaign (used elsewhere)."""
    if campaign is None:
        return pages
    if campaign.pk is None:  # a campaign being created and previewed: nothing names it yet
        return pages.none()
    return pages.filter(related_campaign=campaign.pk)


def open_q(now=None):
    """Actions that still take signatures or letters."""
    return Q(deadline__isnull=True) | Q(deadline__gt=now or timezone.now())


def latest_posts(campaign, limit):
    """The newest live posts naming `campaign`, ready for teasers in a fixed number of queries."""
    from .blog import BlogPostPage

    images = get_image_model().objects.prefetch_renditions(POST_TEASER_IMAGE)
    posts = in_campaign(BlogPostPage.objects.live().public(), campaign)
    return (
        posts.defer_streamfields()
        .prefetch_related(models.Prefetch("hero_image", queryset=images))
        .order_by("-date", "-pk")[:limit]
    )


def open_actions(campaign):
    """Live, open actions naming `campaign`, newest first, tallies joined (one query)."""
    from .actions import ActionPage, for_teasers

    actions = in_campaign(ActionPage.objects.live().public(), campaign).filter(open_q())
    return for_teasers(actions).order_by("-first_published_at", "-pk")


def related_actions(case_ids=(), campaign_id=None, limit=RELATED_ACTIONS):
    """Live actions about any of `case_ids` or naming the campaign: open ones first.

    One query (plus Wagtail's check for private sections), whatever the number of cases.
    """
    from .actions import ActionPage, for_teasers

    about = Q()
    if case_ids:
        through = ActionPage.related_cases.through.objects.filter(casepage_id__in=case_ids)
        about |= Q(pk__in=through.values("actionpage_id"))
    if campaign_id:
        about |= Q(related_campaign_id=campaign_id)
    if not about:
        return []
    closed_last = Case(When(open_q(), then=Value(0)), default=Value(1))
    actions = ActionPage.objects.live().public().filter(about)
    return list(
        for_teasers(actions)
        .annotate(closed_last=closed_last)
        .order_by("closed_last", "-first_published_at", "-pk")[:limit]
    )


class CampaignPage(BasePage):
    """A campaign's landing page (e.g. /kazakhstan/): a hero, then blocks, then what names it.

    Below the body the page adds, without any list kept by hand:
    - "The people in this campaign": every published case naming the campaign, always;
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

    def campaign_cases(self):
        from .cases import CasePage, for_cards

        cases = in_campaign(CasePage.objects.live().public(), self)
        return for_cards(cases).order_by("is_fictional", "person_name")

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
        context["campaign_cases"] = self.campaign_cases()
        used = self.body_block_types()
        if "open_actions" not in used:
            actions = open_actions(self).exclude(pk__in=self.teased_action_ids())
            context["campaign_actions"] = list(actions)
        if "latest_posts" not in used:
            context["campaign_posts"] = list(latest_posts(self, AUTO_POSTS))
        return context
