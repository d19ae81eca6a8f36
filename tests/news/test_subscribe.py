"""Subscribing to campaign news at /newsletter/: double opt-in, confirm, unsubscribe."""

import datetime
import re

import pytest
from django.core import signing
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from campaigns.models import NewsSubscriber, OutboundEmail
from campaigns.news import subscribing
from campaigns.news.models import SubscriberStatus

from ..home.factories import translate
from ..landing.factories import CampaignPageFactory
from .factories import NewsSubscriberFactory

ADDRESS = "reader@example.org"
CONFIRM = re.compile(r"http://testserver(/(?:ru/|kk/)?newsletter/confirm/[^/\s\"]+/)")


@pytest.fixture(autouse=True)
def fresh_rate_limit():
    cache.clear()


def subscribe(client, email=ADDRESS, prefix="", **data):
    return client.post(f"{prefix}/newsletter/", {"email": email, "website": "", **data})


def confirm_link(email=ADDRESS):
    message = OutboundEmail.objects.filter(to=[email]).latest("pk")
    (link,) = set(CONFIRM.findall(message.body_text))
    return link


def test_the_form_page_is_per_visitor_and_has_a_csrf_token(client, home_page):
    response = client.get("/newsletter/")
    assert response.status_code == 200
    assert "no-cache" in response["Cache-Control"] or "private" in response["Cache-Control"]
    assert b"csrfmiddlewaretoken" in response.content
    assert b'name="email"' in response.content


def test_csrf_is_enforced_on_the_form(home_page):
    strict = Client(enforce_csrf_checks=True)
    assert subscribe(strict).status_code == 403
    assert not NewsSubscriber.objects.exists()


def test_subscribing_stores_a_pending_subscriber_and_queues_one_confirmation(client, home_page):
    response = subscribe(client, "  Reader@Example.org ")
    assert response.status_code == 200
    assert "Check your inbox" in response.content.decode()
    subscriber = NewsSubscriber.objects.get()
    assert (subscriber.email, subscriber.status, subscriber.language) == (
        ADDRESS,
        SubscriberStatus.PENDING,
        "en",
    )
    (email,) = OutboundEmail.objects.all()
    assert email.to == [ADDRESS]
    assert confirm_link().startswith("/newsletter/confirm/")


def test_confirming_takes_a_click_then_confirms(client, home_page):
    subscribe(client)
    link = confirm_link()
    page = client.get(link)
    assert page.status_code == 200
    assert NewsSubscriber.objects.get().status == SubscriberStatus.PENDING  # GET changes nothing
    assert client.post(link).status_code == 200
    subscriber = NewsSubscriber.objects.get()
    assert subscriber.status == SubscriberStatus.CONFIRMED and subscriber.confirmed_at


def test_an_expired_link_does_not_confirm(client, home_page, settings):
    subscribe(client)
    link = confirm_link()
    settings.NEWS_CONFIRM_MAX_AGE = -1
    response = client.post(link)
    assert response.status_code == 400
    assert "does not work" in response.content.decode()
    assert NewsSubscriber.objects.get().status == SubscriberStatus.PENDING


@pytest.mark.parametrize(
    "token",
    [
        "nonsense",
        signing.dumps([1, 0], salt="campaigns.news.unsubscribe"),  # another purpose's token
        signing.dumps("x", salt=subscribing.CONFIRM_SALT),
    ],
    # Named, not shown: a signed token holds the time, and every xdist worker must collect
    # the same test names.
    ids=["nonsense", "unsubscribe-token", "not-a-subscriber"],
)
def test_a_tampered_or_foreign_link_does_not_confirm(client, home_page, token):
    subscribe(client)
    assert client.post(f"/newsletter/confirm/{token}/").status_code == 400
    assert NewsSubscriber.objects.get().status == SubscriberStatus.PENDING


def test_a_tampered_signature_does_not_confirm(client, home_page):
    subscribe(client)
    link = confirm_link()
    assert client.post(link[:-3] + "xx/").status_code == 400
    assert NewsSubscriber.objects.get().status == SubscriberStatus.PENDING


def test_a_duplicate_gets_the_same_page_and_no_second_email_within_the_window(
    client, home_page, settings
):
    first = subscribe(client).content.decode()
    second = subscribe(client, ADDRESS.upper()).content.decode()
    assert OutboundEmail.objects.count() == 1
    assert NewsSubscriber.objects.count() == 1
    strip = re.compile(r'name="csrfmiddlewaretoken" value="[^"]*"|nonce="[^"]*"')
    assert strip.sub("", first) == strip.sub("", second)
    # An already confirmed address is sent nothing, and the page is the same again.
    client.post(confirm_link())
    settings.NEWS_CONFIRM_RESEND = 0
    third = subscribe(client).content.decode()
    assert strip.sub("", third) == strip.sub("", first)
    assert OutboundEmail.objects.count() == 1


def test_after_the_window_a_pending_address_gets_a_fresh_link(client, home_page, settings):
    subscribe(client)
    settings.NEWS_CONFIRM_RESEND = 0
    subscribe(client)
    assert OutboundEmail.objects.count() == 2


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"email": ""}, "Please give the email address"),
        ({"email": "not an address"}, "does not look right"),
        ({"email": "a" * 250 + "@example.org"}, "under 254 characters"),
        ({"email": "<script>alert(1)</script>@example.org"}, "does not look right"),
        ({"email": "reader\x00@example.org"}, "Null characters are not allowed"),
        ({"email": "reader@localhost"}, "public domain"),
        ({"email": ADDRESS, "campaign": "99999"}, "one of the campaigns"),
        ({"email": ADDRESS, "campaign": "<b>"}, "one of the campaigns"),
        ({"email": ADDRESS, "website": "http://spam.example.org"}, "automated"),
    ],
)
def test_bad_input_gets_a_clear_message_and_stores_nothing(client, home_page, data, message):
    response = client.post("/newsletter/", {"website": "", **data})
    assert response.status_code == 400
    body = response.content.decode()
    assert message in body
    assert "<script>alert" not in body
    assert not NewsSubscriber.objects.exists()
    assert not OutboundEmail.objects.exists()


def test_a_flood_is_refused(client, home_page, settings):
    settings.NEWS_PER_CLIENT = 2
    assert subscribe(client, "a@example.org").status_code == 200
    assert subscribe(client, "b@example.org").status_code == 200
    response = subscribe(client, "c@example.org")
    assert response.status_code == 429
    assert "several times" in response.content.decode()
    assert NewsSubscriber.objects.count() == 2


def test_an_oversized_post_is_refused(client, home_page, settings):
    settings.PUBLIC_POST_MAX_BYTES = 100
    response = subscribe(client, "a" * 200 + "@example.org")
    assert response.status_code == 413
    assert not NewsSubscriber.objects.exists()


def test_a_campaign_can_be_chosen_and_the_language_is_the_page_s(client, home_page):
    campaign = CampaignPageFactory(parent=home_page, title="Kazakhstan", slug="kazakhstan")
    translate(home_page, "ru")
    russian = translate(campaign, "ru", {"Kazakhstan": "Казахстан"})
    page = client.get("/ru/newsletter/")
    assert "Казахстан" in page.content.decode()
    subscribe(client, prefix="/ru", campaign=russian.pk)
    subscriber = NewsSubscriber.objects.get()
    assert (subscriber.language, subscriber.campaign_id) == ("ru", campaign.pk)
    email = OutboundEmail.objects.get()
    assert "Казахстан" in email.body_text
    assert confirm_link().startswith("/ru/newsletter/confirm/")


@pytest.mark.parametrize("prefix", ["", "/ru", "/kk"])
def test_the_page_works_in_every_language(client, home_page, prefix):
    translate(home_page, "ru")
    translate(home_page, "kk")
    response = client.get(f"{prefix}/newsletter/")
    assert response.status_code == 200
    lang = prefix.strip("/") or "en"
    assert f'lang="{lang}"' in response.content.decode()


def test_unsubscribe_get_shows_a_button_and_changes_nothing(client, home_page):
    subscriber = NewsSubscriberFactory()
    url = subscribing.unsubscribe_url(subscriber).removeprefix("http://testserver")
    response = client.get(url)
    assert response.status_code == 200
    assert "Unsubscribe" in response.content.decode()
    assert NewsSubscriber.objects.get().status == SubscriberStatus.CONFIRMED
    # The page's own button posts the token.
    token = url.split("token=")[1]
    assert client.post("/newsletter/unsubscribe/", {"token": token}).status_code == 200
    assert NewsSubscriber.objects.get().status == SubscriberStatus.UNSUBSCRIBED


def test_one_click_unsubscribe_needs_no_csrf_token(home_page):
    subscriber = NewsSubscriberFactory()
    url = subscribing.unsubscribe_url(subscriber).removeprefix("http://testserver")
    provider = Client(enforce_csrf_checks=True)  # a mail provider's server: no cookie
    response = provider.post(
        url,
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.status == SubscriberStatus.UNSUBSCRIBED and subscriber.unsubscribed_at


def test_a_bad_unsubscribe_link_is_refused(client, home_page):
    NewsSubscriberFactory()
    assert client.post("/newsletter/unsubscribe/?token=forged").status_code == 400
    assert client.get("/newsletter/unsubscribe/").status_code == 400
    assert NewsSubscriber.objects.get().status == SubscriberStatus.CONFIRMED


def test_an_old_confirmation_link_cannot_undo_an_unsubscribe(client, home_page):
    subscribe(client)
    link = confirm_link()
    client.post(link)
    subscribing.unsubscribe(NewsSubscriber.objects.get())
    assert client.post(link).status_code == 400
    assert NewsSubscriber.objects.get().status == SubscriberStatus.UNSUBSCRIBED


def test_asking_again_after_unsubscribing_starts_a_new_double_opt_in(client, home_page, settings):
    subscriber = NewsSubscriberFactory(email=ADDRESS)
    subscribing.unsubscribe(subscriber)
    settings.NEWS_CONFIRM_RESEND = 0
    subscribe(client)
    subscriber.refresh_from_db()
    assert subscriber.status == SubscriberStatus.PENDING
    client.post(confirm_link())
    subscriber.refresh_from_db()
    assert subscriber.status == SubscriberStatus.CONFIRMED


def test_the_address_never_reaches_the_public_pages(client, home_page):
    subscribe(client)
    link = confirm_link()
    pages = [client.get("/newsletter/"), client.get(link), client.post(link)]
    subscriber = NewsSubscriber.objects.get()
    unsubscribe = subscribing.unsubscribe_url(subscriber).removeprefix("http://testserver")
    pages += [client.get(unsubscribe), client.post(unsubscribe)]
    for response in pages:
        assert ADDRESS not in response.content.decode()
    assert ADDRESS not in str(subscriber)


def test_the_form_page_s_queries_do_not_grow_with_subscribers_or_campaigns(client, home_page):
    CampaignPageFactory(parent=home_page, title="Kazakhstan", slug="kazakhstan")
    client.get("/newsletter/")  # warm the site's caches
    with CaptureQueriesContext(connection) as few:
        client.get("/newsletter/")
    NewsSubscriberFactory.create_batch(30)
    CampaignPageFactory(parent=home_page, title="Kyrgyzstan", slug="kyrgyzstan")
    with CaptureQueriesContext(connection) as many:
        client.get("/newsletter/")
    assert len(many) == len(few)


def test_a_link_from_an_earlier_round_no_longer_confirms(client, home_page):
    subscribe(client)
    link = confirm_link()
    # A fresh confirmation was sent since (a new round): only its link confirms.
    NewsSubscriber.objects.update(confirmation_sent_at=timezone.now() + datetime.timedelta(1))
    assert client.post(link).status_code == 400
