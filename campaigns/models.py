"""Where Django finds the app's models. Each is defined in its feature's package; this module
only gathers them (feature code imports the feature's own module, never this one)."""

from campaigns.actions.models import (
    ActionIndexPage,
    ActionKind,
    ActionPage,
    ActionTally,
    Signature,
)
from campaigns.blog.comments import BlogComment, CommentStatus
from campaigns.blog.models import Author, BlogIndexPage, BlogPostPage, BlogPostTag
from campaigns.cases.choices import (
    DETAINED_STATUSES,
    CaseRole,
    CaseStatus,
    CodeEdition,
    Country,
    RestrictionKind,
)
from campaigns.cases.index import CaseIndexPage
from campaigns.cases.models import CaseCharge, CasePage, CaseRestriction, CaseUpdate
from campaigns.cases.recognitions import Organisation, Recognition
from campaigns.contact.models import ContactFormField, ContactPage
from campaigns.corrections.models import CaseCorrection, InaccuracyReport
from campaigns.follows.models import Follow
from campaigns.hearings.models import Hearing
from campaigns.landing.models import CampaignPage
from campaigns.news.models import NewsDelivery, NewsIssue, NewsSubscriber
from campaigns.opendata.models import OpenDataSnapshot
from campaigns.outbox.models import EmailKind, EmailStatus, OutboundEmail

__all__ = [
    "ActionIndexPage",
    "ActionKind",
    "ActionPage",
    "ActionTally",
    "Author",
    "BlogComment",
    "BlogIndexPage",
    "BlogPostPage",
    "BlogPostTag",
    "CampaignPage",
    "CaseCharge",
    "CaseCorrection",
    "CaseRestriction",
    "CaseIndexPage",
    "CasePage",
    "CaseRole",
    "CaseStatus",
    "CaseUpdate",
    "CodeEdition",
    "RestrictionKind",
    "CommentStatus",
    "ContactFormField",
    "ContactPage",
    "Country",
    "DETAINED_STATUSES",
    "EmailKind",
    "EmailStatus",
    "Follow",
    "NewsDelivery",
    "NewsIssue",
    "NewsSubscriber",
    "InaccuracyReport",
    "Hearing",
    "OpenDataSnapshot",
    "OutboundEmail",
    "Organisation",
    "Recognition",
    "Signature",
]
