"""Blog blocks: the newest posts of a campaign, for its landing page."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from campaigns.related import campaign_of
from home.blocks import CAMPAIGN_GROUP

from .models import latest_posts


class LatestPostsBlock(blocks.StructBlock):
    """The newest blog posts that name this campaign, chosen automatically.

    On a campaign page it lists the published posts whose “campaign” is that page; used
    anywhere else it lists the newest posts of the whole blog.
    """

    heading = blocks.CharBlock(
        label=_("Heading"),
        default=_("Latest posts"),
        max_length=120,
        required=False,
        help_text=_("Shown above the list, e.g. “News from the campaign”."),
    )
    number = blocks.IntegerBlock(
        label=_("How many"),
        default=3,
        min_value=1,
        max_value=6,
        help_text=_("From 1 to 6 posts, newest first."),
    )

    class Meta:
        icon = "doc-full-inverse"
        label = _("Latest posts")
        group = CAMPAIGN_GROUP
        template = "campaigns/blocks/latest_posts.html"
        help_text = _(
            "Lists the newest blog posts that name this campaign; it updates by itself "
            "when a post is published."
        )
        description = _("The newest blog posts about this campaign.")
        preview_value = {"heading": "Latest posts", "number": 3}

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["posts"] = list(latest_posts(campaign_of(parent_context), value.get("number")))
        return context
