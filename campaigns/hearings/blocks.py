"""Hearing blocks: the next hearings of the cases we follow, for the home and campaign pages."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from campaigns.related import campaign_of, in_campaign
from home.blocks import CAMPAIGN_GROUP

from .listing import case_model, in_window, listed, public_hearings


class NextHearingsBlock(blocks.StructBlock):
    """The hearings to come, soonest first, found by themselves; nothing at all is shown
    when none is scheduled, so the block can stay on the page between trials."""

    heading = blocks.CharBlock(
        label=_("Heading"),
        default=_("Next hearings"),
        max_length=120,
        required=False,
        help_text=_("Shown above the list, e.g. “Be in court with them”."),
    )
    number = blocks.IntegerBlock(
        label=_("How many"),
        default=3,
        min_value=1,
        max_value=10,
        help_text=_("From 1 to 10 hearings, soonest first."),
    )

    class Meta:
        icon = "date"
        label = _("Next hearings")
        group = CAMPAIGN_GROUP
        template = "campaigns/blocks/next_hearings.html"
        help_text = _(
            "The next court hearings of the cases (on a campaign page, of its cases); "
            "hidden while none is scheduled."
        )
        description = _("The next court hearings, hidden while there are none.")
        preview_value = {"heading": "Next hearings", "number": 3}

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        hearings = public_hearings()
        campaign = campaign_of(parent_context)
        if campaign is not None:
            cases = in_campaign(case_model().objects.all(), campaign)
            hearings = hearings.filter(page__in=cases.values("pk"))
        now = timezone.now()
        upcoming, _recent = listed(in_window(hearings, now, recent_days=0), now, recent_days=0)
        context["hearings"] = upcoming[: value.get("number") or 3]
        # Outside a page (the block picker's preview) say why a page would show nothing.
        context["explain_empty"] = not (parent_context or {}).get("page")
        return context
