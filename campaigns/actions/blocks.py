"""Action blocks: a campaign's open petitions and letters, with their live counts."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks, hooks

from campaigns.related import campaign_of
from home.blocks import CAMPAIGN_GROUP, TEASER_PAGES_HOOK

from .models import ActionPage, tallies_of
from .queries import most_needed_action, open_actions


@hooks.register(TEASER_PAGES_HOOK)
def teaser_counts(pages):
    """A page's calls to action (home.blocks.ActionTeaserBlock) read their actions'
    counts with the actions, in the same query."""
    return tallies_of(pages) if issubclass(pages.model, ActionPage) else pages


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


class MostNeededActionBlock(blocks.StructBlock):
    """One action, large, with its progress towards the goal and its button: the one you
    choose, or by itself the open action that most needs people."""

    heading = blocks.CharBlock(
        label=_("Heading"),
        default=_("Act now"),
        max_length=120,
        required=False,
        help_text=_("Shown above the action, e.g. “This needs you today”."),
    )
    action = blocks.PageChooserBlock(
        page_type="campaigns.ActionPage",
        label=_("Action"),
        required=False,
        help_text=_(
            "Leave empty to show by itself the open action furthest from its goal that "
            "closes soonest. A chosen action shows while it is open."
        ),
    )

    class Meta:
        icon = "pick"
        label = _("The action that most needs people")
        group = CAMPAIGN_GROUP
        template = "campaigns/blocks/most_needed_action.html"
        help_text = _(
            "One petition or letter with its count against the goal and its button; "
            "chosen by itself unless you choose one."
        )
        description = _("The open action that most needs people, with its progress.")
        preview_value = {"heading": "Act now", "action": None}

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["action"] = most_needed_action(campaign_of(parent_context), value.get("action"))
        return context
