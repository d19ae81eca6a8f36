"""The petition's "keep me informed" box, the retention rules, and privacy in logs."""

import datetime
import logging
import re
from io import StringIO

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.utils import timezone

from campaigns.models import NewsDelivery, NewsSubscriber, OutboundEmail
from campaigns.news import subscribing
from campaigns.news.models import SubscriberSource, SubscriberStatus

from ..actions.factories import ActionIndexPageFactory, ActionPageFactory
from ..home.factories import translate
from ..landing.factories import CampaignPageFactory
from ..smtp import run_email_worker
from .factories import NewsIssueFactory, NewsSubscriberFactory

SIGNER = "signer@example.org"
SIGN_CONFIRM = re.compile(r"http://testserver(/(?:ru/)?sign/confirm/[^/\s\"<>]+/)")


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()


@pytest.fixture
def campaign(home_page):
    return CampaignPageFactory(parent=home_page, title="Kazakhstan", slug="kazakhstan")


@pytest.fixture
def petition(home_page, campaign):
    actions = ActionIndexPageFactory(parent=home_page)
    return ActionPageFactory(parent=actions, slug="free-them", related_campaign=campaign)


def sign(client, action, prefix="", **fields):
    data = {"name": "Ana", "email": SIGNER, "country": "FR", "consent": "on", "website": ""}
    return client.post(f"{prefix}/sign/{action.pk}/", {**data, **fields})


def confirm_signature(client):
    email = OutboundEmail.objects.filter(to=[SIGNER]).latest("pk")
    (link,) = set(SIGN_CONFIRM.findall(email.body_text))
    client.post(link)


def test_the_tick_box_subscribes_only_once_the_signature_is_confirmed(client, petition, campaign):
    assert sign(client, petition, keep_informed="on").status_code == 303
    assert not NewsSubscriber.objects.exists()  # not before the address is proved
    confirm_signature(client)
    subscriber = NewsSubscriber.objects.get()
    assert (subscriber.email, subscriber.status, subscriber.source, subscriber.campaign_id) == (
        SIGNER,
        SubscriberStatus.CONFIRMED,
        SubscriberSource.PETITION,
        campaign.pk,
    )
    assert OutboundEmail.objects.count() == 1  # no second confirmation: the first proved it
    confirm_signature(client)  # confirming again changes nothing
    assert NewsSubscriber.objects.count() == 1


def test_without_the_tick_box_nobody_is_subscribed(client, petition):
    sign(client, petition)
    confirm_signature(client)
    assert not NewsSubscriber.objects.exists()


def test_the_signature_s_language_is_the_subscriber_s(client, petition):
    translate(petition, "ru")
    russian = petition.get_translation(petition.locale.__class__.objects.get(language_code="ru"))
    sign(client, russian, prefix="/ru", keep_informed="on")
    confirm_signature(client)
    assert NewsSubscriber.objects.get().language == "ru"


def test_a_pending_newsletter_request_is_confirmed_by_the_signature(client, petition, campaign):
    with_campaign = NewsSubscriberFactory(
        email=SIGNER, campaign=campaign, status=SubscriberStatus.PENDING, confirmed_at=None
    )
    sign(client, petition, keep_informed="on")
    confirm_signature(client)
    with_campaign.refresh_from_db()
    assert with_campaign.status == SubscriberStatus.CONFIRMED


def test_the_thank_you_page_links_the_newsletter(client, petition):
    sign(client, petition, keep_informed="on")
    page = client.get(f"{petition.url}thanks/").content.decode()
    assert 'href="/newsletter/"' in page and "kept informed" in page


# --- retention ---------------------------------------------------------------------------


def test_the_purge_removes_stale_pending_and_old_ended_subscriptions(db, settings):
    now = timezone.now()
    long_ago = now - datetime.timedelta(days=settings.SUPPORTER_DATA_RETENTION_DAYS + 1)
    week_ago = now - datetime.timedelta(seconds=settings.NEWS_CONFIRM_MAX_AGE + 60)
    stale = NewsSubscriberFactory(
        email="stale@example.org",
        status=SubscriberStatus.PENDING,
        confirmed_at=None,
        created_at=week_ago,
        confirmation_sent_at=week_ago,
    )
    fresh = NewsSubscriberFactory(
        email="fresh@example.org",
        status=SubscriberStatus.PENDING,
        confirmed_at=None,
        confirmation_sent_at=now,
    )
    old_left = NewsSubscriberFactory(
        email="left@example.org", status=SubscriberStatus.UNSUBSCRIBED, unsubscribed_at=long_ago
    )
    recent_left = NewsSubscriberFactory(
        email="recent@example.org", status=SubscriberStatus.UNSUBSCRIBED, unsubscribed_at=now
    )
    confirmed = NewsSubscriberFactory(email="reader@example.org", created_at=long_ago)
    issue = NewsIssueFactory()
    delivery = NewsDelivery.objects.create(issue=issue, subscriber=old_left)
    out = StringIO()
    call_command("purge_supporter_data", stdout=out)
    left = set(NewsSubscriber.objects.values_list("pk", flat=True))
    assert left == {fresh.pk, recent_left.pk, confirmed.pk}
    assert stale.pk not in left and old_left.pk not in left
    delivery.refresh_from_db()  # the count stays, the address is gone
    assert delivery.subscriber_id is None
    assert "news subscriptions" in out.getvalue()


def test_no_address_reaches_the_logs(client, petition, caplog):
    caplog.set_level(logging.DEBUG)
    client.post("/newsletter/", {"email": "quiet-reader@example.org", "website": ""})
    subscriber = NewsSubscriber.objects.get()
    client.post(subscribing.unsubscribe_url(subscriber).removeprefix("http://testserver"))
    sign(client, petition, keep_informed="on")
    confirm_signature(client)
    NewsIssueFactory()
    run_email_worker()
    assert "quiet-reader" not in caplog.text and "signer@" not in caplog.text
