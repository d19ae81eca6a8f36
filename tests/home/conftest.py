"""Fixtures of the shell's tests: the five public POST endpoints, and a cache that is down."""

from dataclasses import dataclass

import pytest
from wagtail.contrib.forms.models import FormSubmission

from campaigns.models import ActionKind, ActionTally, BlogComment, Follow, Signature

from ..actions.factories import ActionIndexPageFactory, ActionPageFactory
from ..blog.factories import BlogIndexPageFactory, BlogPostPageFactory
from ..cases.factories import CaseIndexPageFactory, CasePageFactory
from ..contact.factories import ContactPageFactory


@dataclass
class Endpoint:
    url: str
    per_client: str  # the setting that limits posts per client
    accepted: int  # the status of an accepted post
    data: callable  # n -> the fields of a valid post
    stored: callable  # () -> how many posts were taken


def comment_endpoint(home_page):
    post = BlogPostPageFactory(parent=BlogIndexPageFactory(parent=home_page))
    return Endpoint(
        url=f"/comments/{post.pk}/",
        per_client="COMMENTS_PER_CLIENT",
        accepted=200,
        data=lambda n: {"author_name": "Dana", "body": f"Free them {n}.", "website": ""},
        stored=BlogComment.objects.count,
    )


def follow_endpoint(home_page):
    case = CasePageFactory(parent=CaseIndexPageFactory(parent=home_page))
    return Endpoint(
        url=f"/follow/{case.pk}/",
        per_client="FOLLOW_PER_CLIENT",
        accepted=200,
        data=lambda n: {"email": f"reader{n}@example.org", "website": ""},
        stored=Follow.objects.count,
    )


def sign_endpoint(home_page):
    petition = ActionPageFactory(parent=ActionIndexPageFactory(parent=home_page))
    return Endpoint(
        url=f"/sign/{petition.pk}/",
        per_client="SIGN_PER_CLIENT",
        accepted=303,
        data=lambda n: {
            "name": "Ana",
            "email": f"signer{n}@example.org",
            "consent": "on",
            "website": "",
        },
        stored=Signature.objects.count,
    )


def letter_endpoint(home_page):
    letter = ActionPageFactory(
        parent=ActionIndexPageFactory(parent=home_page),
        kind=ActionKind.LETTER,
        letter_template="Dear Prosecutor General,",
    )

    def letters():
        return sum(ActionTally.objects.filter(pk=letter.pk).values_list("letters", flat=True))

    return Endpoint(
        url=f"/letters/{letter.pk}/sent/",
        per_client="LETTERS_PER_CLIENT",
        accepted=303,
        data=lambda n: {"website": ""},
        stored=letters,
    )


def contact_endpoint(home_page):
    page = ContactPageFactory(parent=home_page)
    return Endpoint(
        url=page.url,
        per_client="CONTACT_PER_CLIENT",
        accepted=200,
        data=lambda n: {"email": "supporter@example.org", "message": f"Hello {n}."},
        stored=FormSubmission.objects.count,
    )


ENDPOINTS = [comment_endpoint, follow_endpoint, sign_endpoint, letter_endpoint, contact_endpoint]


@pytest.fixture(params=ENDPOINTS, ids=lambda make: make.__name__.removesuffix("_endpoint"))
def endpoint(request, home_page):
    """Each public POST endpoint in turn, on a fresh page of its own."""
    return request.param(home_page)


@pytest.fixture
def unreachable_cache():
    """CACHES for the production cache backend pointed where nothing listens (port 1):
    every connection is refused at once."""
    return {
        "default": {
            "BACKEND": "home.cache_backend.DegradingRedisCache",
            "LOCATION": "redis://127.0.0.1:1/12",
        }
    }
