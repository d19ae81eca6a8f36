"""Case blocks: cards for cases, and the long-form body that can hold them.

Built on `home.blocks`; each has an icon, label, help text, preview and template.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError

from home.blocks import CAMPAIGN_GROUP, BodyBlock, PageChoiceBlock
from home.i18n import for_reader

from .choices import CaseStatus, Country
from .models import CasePage, for_cards


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
            by_key = {
                case.translation_key: case for case in cases.filter(translation_key__in=chosen)
            }
            context["cards"] = [by_key[key] for key in chosen if key in by_key]
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
