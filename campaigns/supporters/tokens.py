"""Signed links in supporters' emails: each token names one row, never an address."""

from django.conf import settings
from django.core import signing


class BadToken(Exception):
    """The link is damaged, forged, expired or no longer matches its row."""


def stamp(moment):
    """A moment as an integer, to tie a token to the email it came with."""
    return int(moment.timestamp() * 1_000_000) if moment else 0


def load(token, salt, max_age=None):
    try:
        return signing.loads(token, salt=salt, max_age=max_age)
    except (signing.BadSignature, ValueError, TypeError) as error:  # SignatureExpired too
        raise BadToken from error


def absolute(path):
    """`path` on the site's public address (BASE_URL), as an email needs it."""
    return path if "://" in path else f"{settings.BASE_URL}{path}"
