"""The campaigns' domain models, one module per idea."""

from .actions import ActionIndexPage, ActionKind, ActionPage, ActionTally, Signature
from .blog import Author, BlogIndexPage, BlogPostPage, BlogPostTag
from .campaigns import CampaignPage
from .case_index import CaseIndexPage
from .cases import CaseCharge, CasePage, CaseUpdate
from .choices import DETAINED_STATUSES, CaseRole, CaseStatus, CodeEdition, Country
from .comments import BlogComment, CommentStatus
from .contact import ContactFormField, ContactPage
from .follows import Follow
from .mail import EmailKind, EmailStatus, OutboundEmail

__all__ = [
    "ActionIndexPage",
    "ActionKind",
    "ActionPage",
    "ActionTally",
    "Signature",
    "Author",
    "BlogComment",
    "BlogIndexPage",
    "BlogPostPage",
    "BlogPostTag",
    "CommentStatus",
    "CampaignPage",
    "DETAINED_STATUSES",
    "CaseCharge",
    "CaseIndexPage",
    "CasePage",
    "CaseRole",
    "CaseStatus",
    "CaseUpdate",
    "CodeEdition",
    "ContactFormField",
    "ContactPage",
    "Country",
    "Follow",
    "EmailKind",
    "EmailStatus",
    "OutboundEmail",
]
