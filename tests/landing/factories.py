"""Test data for campaign pages, their counting blocks, and the editor's form for them."""

import factory
import wagtail_factories
from wagtail.test.utils.form_data import streamfield

from campaigns.landing.blocks import CampaignBlock, LiveCounterBlock
from campaigns.landing.models import CampaignPage

from ..actions.factories import ActionListBlockFactory
from ..blog.factories import LatestPostsBlockFactory
from ..cases.factories import StoryBlockFactory
from ..home.factories import body_block_items, list_block


class LiveCounterBlockFactory(wagtail_factories.StructBlockFactory):
    """A live number: the campaign's detained cases, or with `source=` and `action=` a tally."""

    source = "detained"
    action = None
    label = ""

    class Meta:
        model = LiveCounterBlock


class CampaignBlockFactory(StoryBlockFactory):
    live_counter = factory.SubFactory(LiveCounterBlockFactory)
    latest_posts = factory.SubFactory(LatestPostsBlockFactory)
    open_actions = factory.SubFactory(ActionListBlockFactory)

    class Meta:
        model = CampaignBlock


class CampaignPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Campaign {n}")
    body = wagtail_factories.StreamFieldFactory(CampaignBlockFactory)

    class Meta:
        model = CampaignPage


def every_campaign_block(image, case, petition, letter):
    """Form data for a campaign body: every generic block, then every domain block."""
    return streamfield(
        body_block_items(image)
        + [
            (
                "case_cards",
                {
                    "heading": "Chosen cases",
                    "cases": list_block([case.pk]),
                    "status": "",
                    "country": "",
                    "limit": "6",
                },
            ),
            ("action", {"action": petition.pk, "heading": "", "text": "", "button_label": ""}),
            ("live_counter", {"source": "detained", "action": "", "label": "held now"}),
            ("live_counter", {"source": "signatures", "action": petition.pk, "label": ""}),
            ("live_counter", {"source": "letters", "action": letter.pk, "label": ""}),
            ("live_counter", {"source": "campaign-signatures", "action": "", "label": ""}),
            ("latest_posts", {"heading": "News", "number": "3"}),
            ("open_actions", {"heading": "Act today", "kind": "", "limit": "6"}),
        ]
    )
