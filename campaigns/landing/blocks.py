"""Campaign landing page blocks: live figures, and the body that gathers every campaign block.

Built on `home.blocks` and the blocks of cases, posts and actions; each has an icon,
label, help text, preview and template.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, Q, Sum
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError

from campaigns.actions.blocks import ActionListBlock
from campaigns.actions.models import ActionPage, ActionTally, tallies_of
from campaigns.blog.blocks import LatestPostsBlock
from campaigns.cases.blocks import StoryBlock
from campaigns.cases.models import CasePage
from campaigns.related import campaign_of, in_campaign
from home.blocks import CAMPAIGN_GROUP, read_ahead


class CounterSource(models.TextChoices):
    DETAINED = "detained", _("People currently detained in this campaign")
    SIGNATURES = "signatures", _("Confirmed signatures on one petition")
    LETTERS = "letters", _("Letters sent for one letter action")
    CAMPAIGN_SIGNATURES = "campaign-signatures", _("All signatures on this campaign's petitions")


# Sources that count one chosen action, and the kind of action each needs.
ACTION_SOURCES = {CounterSource.SIGNATURES: "petition", CounterSource.LETTERS: "letter"}


class LiveCounterBlock(blocks.StructBlock):
    """One big number with a label, counted from the database each time the page is built.

    Nothing is stored in the block but the choice of what to count: the figure is always
    the current one (detained cases of the campaign, or an action's confirmed tally).
    """

    source = blocks.ChoiceBlock(
        label=_("What to count"),
        choices=CounterSource.choices,
        default=CounterSource.DETAINED,
        help_text=_(
            "“Detained” counts the published cases of this campaign in pre-trial detention, "
            "in prison or under house arrest."
        ),
    )
    action = blocks.PageChooserBlock(
        page_type="campaigns.ActionPage",
        label=_("Action"),
        required=False,
        help_text=_("Only for the count of one petition or one letter action."),
    )
    label = blocks.CharBlock(
        label=_("Label"),
        required=False,
        max_length=120,
        help_text=_(
            "The words after the number, e.g. “people held for their views”. "
            "Leave empty for a label that fits the count."
        ),
    )

    class Meta:
        icon = "decimal"
        label = _("Live counter")
        group = CAMPAIGN_GROUP
        template = "campaigns/blocks/live_counter.html"
        help_text = _(
            "A big number that is always up to date: people detained, signatures or letters."
        )
        description = _("A live figure: people detained, signatures or letters sent.")
        preview_value = {"source": "detained", "action": None, "label": ""}

    def clean(self, value):
        value = super().clean(value)
        source, action = value.get("source"), value.get("action")
        needed_kind = ACTION_SOURCES.get(source)
        message = None
        if needed_kind and not action:
            message = _("Choose the action whose count to show.")
        elif action and not needed_kind:
            message = _(
                "This count covers the whole campaign: remove the chosen action, or choose "
                "“Confirmed signatures on one petition” or “Letters sent for one letter "
                "action”."
            )
        elif action and action.specific.kind != needed_kind:
            message = (
                _("This action is a letter: choose “Letters sent for one letter action”.")
                if needed_kind == "petition"
                else _("This action is a petition: choose “Confirmed signatures on one petition”.")
            )
        if message:
            raise StructBlockValidationError(block_errors={"action": ValidationError(message)})
        return value

    def bulk_to_python(self, values):
        """The chosen actions of every counter of a page, read with their tallies in one
        query (the chooser read them in one, then each counter its tally), or none when the
        page read them ahead (home.blocks.pages_read_ahead)."""
        values = list(values)
        ids = {value.get("action") for value in values} - {None}
        if not ids:
            return super().bulk_to_python(values)
        actions = read_ahead(ActionPage, ids)  # the campaign page read them with its list
        if actions is None:
            actions = tallies_of(ActionPage.objects.filter(pk__in=ids).defer_streamfields())
        found = {action.pk: action for action in actions}
        converted = super().bulk_to_python(
            [{name: item for name, item in value.items() if name != "action"} for value in values]
        )
        for struct, value in zip(converted, values, strict=True):
            struct["action"] = found.get(value.get("action"))
        return converted

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        campaign = campaign_of(parent_context)
        source = value.get("source")
        action = value.get("action")
        number = None
        if source in ACTION_SOURCES:
            if action and action.live:
                field = "signatures" if source == CounterSource.SIGNATURES else "letters"
                number = getattr(action, f"counted_{field}", None)
                if number is None:  # a value not read from the database, e.g. a preview
                    tally = ActionTally.objects.filter(pk=action.pk).values_list(field, flat=True)
                    number = tally.first() or 0
                context["counted_action"] = action
        elif source == CounterSource.CAMPAIGN_SIGNATURES:
            actions = in_campaign(ActionPage.objects.live().public(), campaign)
            totals = ActionTally.objects.filter(action__in=actions).aggregate(
                total=Coalesce(Sum("signatures"), 0)
            )
            number = totals["total"]
        else:
            cases = in_campaign(CasePage.objects.live().public().currently_detained(), campaign)
            counts = cases.aggregate(
                number=Count("pk"), fictional=Count("pk", filter=Q(is_fictional=True))
            )
            number, context["fictional"] = counts["number"], counts["fictional"]
        context["number"] = number
        context["label"] = value.get("label") or default_counter_label(
            source, number or 0, campaign
        )
        return context


def default_counter_label(source, number, campaign=None):
    """The words after a live figure, saying what it counts: a campaign's own cases, or
    (outside a campaign page) every case in every country."""
    detained = (
        ngettext(
            "person in this campaign currently detained",
            "people in this campaign currently detained",
            number,
        )
        if campaign is not None
        else ngettext(
            "person currently detained, all countries",
            "people currently detained, all countries",
            number,
        )
    )
    labels = {
        CounterSource.DETAINED: detained,
        CounterSource.SIGNATURES: ngettext("confirmed signature", "confirmed signatures", number),
        CounterSource.LETTERS: ngettext("letter sent", "letters sent", number),
        CounterSource.CAMPAIGN_SIGNATURES: ngettext(
            "confirmed signature on our petitions", "confirmed signatures on our petitions", number
        ),
    }
    return labels.get(source, "")


class CampaignBlock(StoryBlock):
    """A campaign landing page: the story blocks plus live figures, posts and actions."""

    live_counter = LiveCounterBlock()
    latest_posts = LatestPostsBlock()
    open_actions = ActionListBlock()

    class Meta:
        # The lists gather everything the campaign has: more copies would only repeat it
        # (two open-action lists allow petitions and letters apart).
        block_counts = {
            "sources": {"max_num": 1},
            "case_cards": {"max_num": 3},
            "latest_posts": {"max_num": 1},
            "open_actions": {"max_num": 2},
        }
