"""Case blocks: cards for cases, and the long-form body that can hold them.

Built on `home.blocks`; each has an icon, label, help text, preview and template.
"""

from django.core.exceptions import ValidationError
from django.db.models import F
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError

from campaigns.related import campaign_of, in_campaign
from home.blocks import CAMPAIGN_GROUP, BodyBlock, PageChoiceBlock
from home.i18n import for_reader

from .choices import CaseStatus, Country
from .models import CasePage, CaseUpdate, for_cards


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
        context = super().get_context(value, parent_context)
        # Each case in the reader's language where it is translated (a chooser keeps the
        # page it was given, usually the English one).
        cases = for_cards(for_reader(CasePage.objects.live().public()))
        chosen = [page.translation_key for page in value.get("cases") or [] if page]
        if chosen:
            # A page may have read these cases already, ready for cards: `known_case_cards`
            # maps translation keys to the version shown (None: no live, public one).
            by_key = (parent_context or {}).get("known_case_cards") or {}
            if not all(key in by_key for key in chosen):
                by_key = {
                    case.translation_key: case for case in cases.filter(translation_key__in=chosen)
                }
            context["cards"] = [by_key[key] for key in chosen if by_key.get(key)]
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


def cases_for(parent_context):
    """Live, public cases in the reader's language: the campaign's on a campaign page,
    every case anywhere else (the home page)."""
    return in_campaign(CasePage.objects.live().public(), campaign_of(parent_context))


class DetainedCasesBlock(blocks.StructBlock):
    """Cards for the people the state holds now, found by themselves: real cases first,
    the longest held first, each with its status and days in detention."""

    heading = blocks.CharBlock(
        label=_("Heading"),
        default=_("Detained now"),
        max_length=120,
        required=False,
        help_text=_("Shown above the cards, e.g. “Detained now”."),
    )
    limit = blocks.IntegerBlock(
        label=_("How many at most"),
        default=6,
        min_value=1,
        max_value=12,
        help_text=_("From 1 to 12, the longest held first."),
    )

    class Meta:
        icon = "user"
        label = _("People detained now")
        group = CAMPAIGN_GROUP
        template = "campaigns/blocks/detained_cases.html"
        help_text = _(
            "Cards for the people in pre-trial detention, in prison or under house arrest, "
            "real cases first and the longest held first; it updates by itself. On a "
            "campaign page only that campaign's cases."
        )
        description = _("The people detained now, with their status and days in detention.")
        preview_value = {"heading": "Detained now", "limit": 3}

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        cases = for_cards(cases_for(parent_context).currently_detained())
        context["cards"] = list(
            cases.order_by("is_fictional", F("arrest_date").asc(nulls_last=True), "person_name")[
                : value.get("limit") or 6
            ]
        )
        return context


class LatestUpdatesBlock(blocks.StructBlock):
    """The newest dated updates of every case (or of a campaign's cases), each linking to
    its permalink on the case page."""

    heading = blocks.CharBlock(
        label=_("Heading"),
        default=_("Latest case updates"),
        max_length=120,
        required=False,
        help_text=_("Shown above the list, e.g. “What happened lately”."),
    )
    number = blocks.IntegerBlock(
        label=_("How many"),
        default=5,
        min_value=1,
        max_value=10,
        help_text=_("From 1 to 10 updates, newest first."),
    )

    class Meta:
        icon = "history"
        label = _("Latest case updates")
        group = CAMPAIGN_GROUP
        template = "campaigns/blocks/latest_updates.html"
        help_text = _(
            "The newest updates across cases (hearings, verdicts, transfers, releases); it "
            "updates by itself when a case gets an update."
        )
        description = _("The newest updates of all cases, each linking to its case.")
        preview_value = {"heading": "Latest case updates", "number": 3}

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        updates = (
            CaseUpdate.objects.filter(page__in=cases_for(parent_context).values("pk"))
            .select_related("page")
            .defer("body", "sources", "page__body", "page__sources")
            .order_by("-date", "-pk")
        )
        context["updates"] = list(updates[: value.get("number") or 5])
        return context


class StoryBlock(BodyBlock):
    """A long-form body: the generic blocks plus case cards."""

    case_cards = CaseCardsBlock()

    class Meta:
        # A list of case cards is enough per page; more would repeat cases.
        block_counts = {"sources": {"max_num": 1}, "case_cards": {"max_num": 3}}
