"""Domain blocks: StreamField blocks that show cases, actions, posts and live figures.

Built on `home.blocks`; each has an icon, label, help text, preview and template.
Models are imported inside methods: the models import these blocks for their fields.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, Q, Sum
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError

from home.blocks import CAMPAIGN_GROUP, BodyBlock, PageChoiceBlock

from .models.choices import CaseStatus, Country


class CaseCardsBlock(blocks.StructBlock):
    """Cards for cases: the ones you choose, or the latest matching a filter."""

    heading = blocks.CharBlock(
        label=_("Heading"),
        required=False,
        max_length=120,
        help_text=_("e.g. “People in detention”. Leave empty for cards without a heading."),
    )
    cases = blocks.ListBlock(
        PageChoiceBlock(
            page_type="campaigns.CasePage",
            label=_("Case"),
            required_message=_("This field is required: choose a case, or delete this row."),
        ),
        label=_("Chosen cases"),
        required=False,
        max_num=12,
        help_text=_(
            "Up to 12 cases, in the order to show them. Leave empty to use the filter below."
        ),
    )
    status = blocks.ChoiceBlock(
        label=_("Or show cases with this status"),
        choices=CaseStatus.choices,
        required=False,
        help_text=_("Used only when no case is chosen above."),
    )
    country = blocks.ChoiceBlock(
        label=_("And in this country"),
        choices=Country.choices,
        required=False,
        help_text=_("Used only when no case is chosen above; combines with the status."),
    )
    limit = blocks.IntegerBlock(
        label=_("How many cases"),
        default=6,
        min_value=1,
        max_value=12,
        help_text=_("From 1 to 12; the filter shows the most recently updated first."),
    )

    class Meta:
        icon = "group"
        label = _("Case cards")
        group = CAMPAIGN_GROUP
        template = "campaigns/blocks/case_cards.html"
        help_text = _("Choose cases, or set a status and country to show the latest matching.")
        description = _("Cards linking to cases, chosen or by filter.")
        preview_value = {
            "heading": "People in detention",
            "cases": [],
            "status": "imprisoned",
            "country": "KZ",
            "limit": 3,
        }

    def clean(self, value):
        value = super().clean(value)
        if not value.get("cases") and not value.get("status") and not value.get("country"):
            raise StructBlockValidationError(
                block_errors={
                    "cases": ValidationError(
                        _("Choose at least one case, or set a status or country to filter by.")
                    )
                }
            )
        return value

    def get_context(self, value, parent_context=None):
        from .models import CasePage
        from .models.cases import for_cards

        context = super().get_context(value, parent_context)
        cases = for_cards(CasePage.objects.live().public())
        chosen = [page.pk for page in value.get("cases") or [] if page]
        if chosen:
            by_pk = cases.in_bulk(chosen)
            context["cards"] = [by_pk[pk] for pk in chosen if pk in by_pk]
        else:
            if value.get("status"):
                cases = cases.filter(current_status=value["status"])
            if value.get("country"):
                cases = cases.filter(country=value["country"])
            context["cards"] = list(
                cases.order_by("is_fictional", "-latest_update_date", "person_name")[
                    : value.get("limit") or 6
                ]
            )
        return context


class StoryBlock(BodyBlock):
    """A long-form body: the generic blocks plus case cards."""

    case_cards = CaseCardsBlock()

    class Meta:
        # A list of case cards is enough per page; more would repeat cases.
        block_counts = {"sources": {"max_num": 1}, "case_cards": {"max_num": 3}}


# --- campaign landing pages -------------------------------------------------------------------


def campaign_of(parent_context):
    """The campaign page being rendered, or None (another page type, or a block preview)."""
    from .models import CampaignPage

    page = (parent_context or {}).get("page")
    return page if isinstance(page, CampaignPage) else None


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

    def get_context(self, value, parent_context=None):
        from .models import ActionPage, ActionTally, CasePage
        from .models.campaigns import in_campaign

        context = super().get_context(value, parent_context)
        campaign = campaign_of(parent_context)
        source = value.get("source")
        action = value.get("action")
        number = None
        if source in ACTION_SOURCES:
            if action and action.live:
                field = "signatures" if source == CounterSource.SIGNATURES else "letters"
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
        from .models.campaigns import latest_posts

        context = super().get_context(value, parent_context)
        context["posts"] = list(latest_posts(campaign_of(parent_context), value.get("number")))
        return context


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
        from .models.campaigns import open_actions

        context = super().get_context(value, parent_context)
        actions = open_actions(campaign_of(parent_context))
        if value.get("kind"):
            actions = actions.filter(kind=value["kind"])
        context["actions"] = list(actions[: value.get("limit") or 6])
        return context


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
