"""The site shell's models: users, images, the base page, home and standard pages, settings."""

# The second factor's models live with the rest of signing in (home/signin/).
from home.signin.models import RecoveryCode, TwoFactorDevice

from .base import BasePage, ListingFieldsMixin, SocialFieldsMixin, shared_facts
from .images import CreditedImagesMixin, CustomImage, CustomRendition, Licence
from .pages import HomePage, StandardPage
from .site_settings import SiteSettings, SiteTexts
from .users import User

__all__ = [
    "BasePage",
    "CreditedImagesMixin",
    "CustomImage",
    "CustomRendition",
    "HomePage",
    "Licence",
    "ListingFieldsMixin",
    "RecoveryCode",
    "SiteSettings",
    "SiteTexts",
    "SocialFieldsMixin",
    "StandardPage",
    "TwoFactorDevice",
    "User",
    "shared_facts",
]
