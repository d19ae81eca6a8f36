"""Action blocks: a campaign's open petitions and letters, with their live counts."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from campaigns.related import campaign_of
from home.blocks import CAMPAIGN_GROUP

from .queries import open_actions


class ActionListBlock(blocks.StructBlock):
    """The campaign's open petitions and letters, with their live counts, chosen automatically.

    On a campaign page it lists the published, open actions whose “campaign” is that page;
    used anywhere else it lists every open action.
    """

    heading = blocks.CharBlock(
        label=_("Heading"),
        default=_("Act now"),
        max_length=120,
        required=False,
        help_text=_("Shown above the list, e.g. “Act now”."),
    )
    kind = blocks.ChoiceBlock(
        label=_("Show only"),
        choices=[("petition", _("Petitions")), ("letter", _("Letters"))],
        required=False,
        help_text=_("Leave empty to list petitions and letters."),
    )
    limit = blocks.IntegerBlock(
        label=_("How many at most"),
        default=6,
        min_value=1,
        max_value=12,
        help_text=_("From 1 to 12, newest first."),
    )

    class Meta:
        icon = "tasks"
        label = _("Open actions")
        group = CAMPAIGN_GROUP
        template = "campaigns/blocks/action_list.html"
        help_text = _(
            "Lists this campaign's open petitions and letters with their live counts; "
            "closed ones drop off by themselves."
        )
        description = _("Every open petition and letter of the campaign, with counts.")
        preview_value = {"heading": "Act now", "kind": "", "limit": 3}

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        actions = open_actions(campaign_of(parent_context))
        if value.get("kind"):
            actions = actions.filter(kind=value["kind"])
        context["actions"] = list(actions[: value.get("limit") or 6])
        return context
