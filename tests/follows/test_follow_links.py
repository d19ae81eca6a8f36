"""Manage and unsubscribe links: they expire, and their token leaves the address at once.

A link's token is in its query string; opening it moves the token into the session and
redirects (303) to the bare address. RFC 8058's one-click POST still unsubscribes with the
token alone. An expired link offers a fresh one by email, saying nothing about whether the
address follows anything.
"""

import time
from unittest import mock

import pytest
from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from campaigns.follows import notify as follow_logic
from campaigns.models import Follow, OutboundEmail

from ..cases.factories import CasePageFactory
from .factories import FollowFactory

ADDRESS = "reader@example.org"
SENT = "If this address follows a case, we have sent it an email"


@pytest.fixture(autouse=True)
def fresh_rate_limit():
    cache.clear()


@pytest.fixture
def follow(cases):
    case = CasePageFactory(parent=cases, person_name="Aigerim Sadykova")
    return FollowFactory(email=ADDRESS, case=case, confirmed_at=timezone.now())


def old_token(token_of, follow, days):
    """A token signed `days` ago, as in an email sent then."""
    then = time.time() - days * 24 * 3600
    with mock.patch.object(signing.time, "time", return_value=then):
        return token_of(follow)


def test_the_emailed_links_carry_the_token_in_the_query_string(follow):
    urls = follow_logic.links(follow)
    token = follow_logic.manage_token(follow)
    assert urls["manage_url"] == f"http://testserver/follow/manage/?token={token}"
    assert urls["unsubscribe_url"].startswith("http://testserver/follow/unsubscribe/?token=")


@pytest.mark.parametrize("kind", ["manage", "unsubscribe"])
def test_opening_a_link_moves_its_token_to_the_session(client, follow, kind):
    token = getattr(follow_logic, f"{kind}_token")(follow)
    response = client.get(f"/follow/{kind}/?token={token}")
    assert response.status_code == 303
    assert response["Location"] == f"/follow/{kind}/"
    assert "no-store" in response["Cache-Control"]
    # The session that holds it ends with the browser (a shared computer forgets it).
    session_cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert not session_cookie["expires"] and not session_cookie["max-age"]
    page = client.get(f"/follow/{kind}/")
    assert page.status_code == 200
    assert "Aigerim Sadykova" in page.text
    assert token not in page.text or kind == "unsubscribe"  # the button's form posts it


def test_the_manage_page_acts_by_the_session_with_csrf(follow):
    client = Client(enforce_csrf_checks=True)
    client.get(f"/follow/manage/?token={follow_logic.manage_token(follow)}")
    page = client.get("/follow/manage/")
    assert client.post("/follow/manage/", {"all": "1"}).status_code == 403  # no CSRF token
    csrf = page.context["csrf_token"]
    response = client.post("/follow/manage/", {"all": "1", "csrfmiddlewaretoken": str(csrf)})
    assert response.status_code == 200
    follow.refresh_from_db()
    assert follow.unsubscribed_at is not None


@pytest.mark.parametrize("kind", ["manage", "unsubscribe"])
def test_a_link_older_than_the_limit_is_refused_and_offers_a_fresh_one(
    client, follow, kind, settings
):
    token = old_token(getattr(follow_logic, f"{kind}_token"), follow, days=61)
    response = client.get(f"/follow/{kind}/?token={token}")
    assert response.status_code == 400
    assert "This link does not work" in response.text
    assert 'action="/follow/link/"' in response.text
    # Within the limit, the same link works.
    settings.FOLLOW_LINK_MAX_AGE = 62 * 24 * 3600
    assert client.get(f"/follow/{kind}/?token={token}").status_code == 303


def test_a_token_kept_in_the_session_expires_too(client, follow, settings):
    client.get(f"/follow/manage/?token={follow_logic.manage_token(follow)}")
    assert client.get("/follow/manage/").status_code == 200
    settings.FOLLOW_LINK_MAX_AGE = -1
    response = client.get("/follow/manage/")
    assert response.status_code == 400
    assert "This link does not work" in response.text


def test_one_click_unsubscribe_needs_no_session_or_csrf_and_get_does_nothing(follow):
    client = Client(enforce_csrf_checks=True)
    url = f"/follow/unsubscribe/?token={follow_logic.unsubscribe_token(follow)}"
    client.get(url, follow=True)  # a mail scanner opening the link
    follow.refresh_from_db()
    assert follow.unsubscribed_at is None
    response = Client(enforce_csrf_checks=True).post(url, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert "You have stopped following this case" in response.text
    follow.refresh_from_db()
    assert follow.unsubscribed_at is not None


def test_one_click_with_an_expired_token_unsubscribes_nothing(client, follow):
    token = old_token(follow_logic.unsubscribe_token, follow, days=61)
    response = client.post(
        f"/follow/unsubscribe/?token={token}", {"List-Unsubscribe": "One-Click"}
    )
    assert response.status_code == 400
    follow.refresh_from_db()
    assert follow.unsubscribed_at is None


@pytest.mark.parametrize("kind", ["manage", "unsubscribe"])
def test_links_of_the_old_form_still_work_and_still_expire(client, follow, kind):
    token = getattr(follow_logic, f"{kind}_token")(follow)
    response = client.get(f"/follow/{kind}/{token}/")
    assert response.status_code == 303
    assert response["Location"] == f"/follow/{kind}/"
    assert client.get(f"/follow/{kind}/").status_code == 200
    expired = old_token(getattr(follow_logic, f"{kind}_token"), follow, days=61)
    assert client.get(f"/follow/{kind}/{expired}/").status_code == 400


def test_old_one_click_headers_still_unsubscribe(client, follow):
    token = follow_logic.unsubscribe_token(follow)
    response = client.post(f"/follow/unsubscribe/{token}/", {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    follow.refresh_from_db()
    assert follow.unsubscribed_at is not None


def test_the_bare_pages_without_a_session_ask_for_an_address(client, follow):
    for path in ("/follow/manage/", "/follow/unsubscribe/"):
        response = client.get(path)
        assert response.status_code == 200
        assert 'action="/follow/link/"' in response.text
        assert "Aigerim" not in response.text


# --- a fresh link ------------------------------------------------------------------------


def ask_for_link(client, email, **extra):
    return client.post("/follow/link/", {"email": email, "website": ""}, **extra)


def test_a_fresh_link_goes_only_to_a_following_address_and_the_answer_is_the_same(client, follow):
    FollowFactory(email="pending@example.org", case=follow.case)  # never confirmed
    addresses = (ADDRESS, "stranger@example.org", "pending@example.org")
    answers = [ask_for_link(client, address) for address in addresses]
    assert {answer.status_code for answer in answers} == {200}
    assert all(SENT in answer.text for answer in answers)
    assert len({answer.text for answer in answers}) == 1  # the address is not repeated
    (email,) = OutboundEmail.objects.all()
    assert email.to == [ADDRESS]
    assert "/follow/manage/?token=" in email.body_text
    # Asking again at once sends nothing more: an inbox cannot be flooded.
    ask_for_link(client, ADDRESS.upper())
    assert OutboundEmail.objects.count() == 1


def test_the_fresh_link_works(client, follow):
    ask_for_link(client, ADDRESS)
    body = OutboundEmail.objects.get().body_text
    path = body[body.index("/follow/manage/?token=") :].split()[0]
    assert client.get(path, follow=True).status_code == 200


def test_asking_for_links_is_rate_limited_and_checked(client, follow, settings):
    settings.FOLLOW_PER_CLIENT = 2
    assert ask_for_link(client, "a@example.org").status_code == 200
    assert ask_for_link(client, "b@example.org").status_code == 200
    assert ask_for_link(client, "c@example.org").status_code == 429
    assert ask_for_link(client, "x@localhost").status_code == 400
    assert client.post("/follow/link/", {"email": ADDRESS, "website": "spam"}).status_code == 400
    assert client.get("/follow/link/").status_code == 405
    assert not Follow.objects.filter(email="a@example.org").exists()


def test_the_fresh_link_is_in_the_language_the_address_follows_in(client, follow):
    Follow.objects.filter(pk=follow.pk).update(language="ru")
    ask_for_link(client, ADDRESS)
    assert "http://testserver/ru/follow/manage/?token=" in OutboundEmail.objects.get().body_text
