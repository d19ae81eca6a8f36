"""The campaigns' domain models, one module per idea."""

from .campaigns import CampaignPage
from .case_index import CaseIndexPage
from .cases import CaseCharge, CasePage, CaseUpdate
from .choices import DETAINED_STATUSES, CaseRole, CaseStatus, CodeEdition, Country

__all__ = [
    "CampaignPage",
    "DETAINED_STATUSES",
    "CaseCharge",
    "CaseIndexPage",
    "CasePage",
    "CaseRole",
    "CaseStatus",
    "CaseUpdate",
    "CodeEdition",
    "Country",
]
