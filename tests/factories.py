"""Every feature's test data builders in one import, for tests that cross features.

Each feature keeps its own in tests/<feature>/factories.py (wagtail-factories and
factory_boy, StreamField blocks included); a test of one feature imports from there.
"""

from .access.factories import StaffFactory, UserFactory
from .actions.factories import (
    ActionIndexPageFactory,
    ActionListBlockFactory,
    ActionPageFactory,
    SignatureFactory,
    add_signatures,
)
from .blog.factories import (
    AuthorFactory,
    BlogCommentFactory,
    BlogIndexPageFactory,
    BlogPostPageFactory,
    LatestPostsBlockFactory,
)
from .cases.factories import (
    CaseCardsBlockFactory,
    CaseChargeFactory,
    CaseIndexPageFactory,
    CasePageFactory,
    CaseUpdateFactory,
    StoryBlockFactory,
    add_updates,
    case_form,
)
from .contact.factories import VALID, ContactPageFactory
from .follows.factories import FollowFactory
from .home.factories import (
    ActionTeaserBlockFactory,
    BodyBlockFactory,
    HeadingBlockFactory,
    HomePageFactory,
    ImageBlockFactory,
    ImageFactory,
    ImageFigureBlockFactory,
    LinkBlockFactory,
    ParagraphBlockFactory,
    SourceBlockFactory,
    SourcesListBlockFactory,
    StandardPageFactory,
    make_site,
)
from .landing.factories import CampaignBlockFactory, CampaignPageFactory, LiveCounterBlockFactory
from .outbox.factories import OutboundEmailFactory

__all__ = [
    "VALID",
    "ActionIndexPageFactory",
    "ActionListBlockFactory",
    "ActionPageFactory",
    "ActionTeaserBlockFactory",
    "AuthorFactory",
    "BlogCommentFactory",
    "BlogIndexPageFactory",
    "BlogPostPageFactory",
    "BodyBlockFactory",
    "CampaignBlockFactory",
    "CampaignPageFactory",
    "CaseCardsBlockFactory",
    "CaseChargeFactory",
    "CaseIndexPageFactory",
    "CasePageFactory",
    "CaseUpdateFactory",
    "ContactPageFactory",
    "FollowFactory",
    "HeadingBlockFactory",
    "HomePageFactory",
    "ImageBlockFactory",
    "ImageFactory",
    "ImageFigureBlockFactory",
    "LatestPostsBlockFactory",
    "LinkBlockFactory",
    "LiveCounterBlockFactory",
    "OutboundEmailFactory",
    "ParagraphBlockFactory",
    "SignatureFactory",
    "SourceBlockFactory",
    "SourcesListBlockFactory",
    "StaffFactory",
    "StoryBlockFactory",
    "StandardPageFactory",
    "UserFactory",
    "add_signatures",
    "add_updates",
    "case_form",
    "make_site",
]
