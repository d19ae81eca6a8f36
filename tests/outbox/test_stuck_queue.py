"""A stuck email queue is told in the admin: on the outgoing email listing and the dashboard,
with what to check, once the oldest unsent email has waited over EMAIL_QUEUE_STUCK_AFTER."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from campaigns.access.roles import CAMPAIGNERS
from campaigns.outbox.models import EmailStatus
from campaigns.outbox.queue import oldest_unsent_age, queue_is_stuck

from ..access.factories import StaffFactory, UserFactory
from .factories import OutboundEmailFactory

WARNING = "Email is not going out."
CHECK = "systemctl status campaigns-email-worker"


def waiting_since(minutes, **fields):
    return OutboundEmailFactory(
        created_at=timezone.now() - datetime.timedelta(minutes=minutes), **fields
    )


@pytest.fixture
def admin(client, db):
    client.force_login(get_user_model().objects.create_superuser("admin", "", "pw"))
    return client


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_the_oldest_unsent_email_is_the_oldest_queued_one(db):
    assert oldest_unsent_age() is None
    waiting_since(60, status=EmailStatus.SENT)
    waiting_since(50, status=EmailStatus.FAILED)
    assert oldest_unsent_age() is None  # sent and failed emails wait for nobody
    waiting_since(5)
    waiting_since(20)
    age = oldest_unsent_age()
    assert datetime.timedelta(minutes=20) <= age < datetime.timedelta(minutes=21)
    assert queue_is_stuck(age)  # the default limit is 15 minutes
    assert not queue_is_stuck(datetime.timedelta(minutes=14))
    assert not queue_is_stuck(None)


def test_the_listing_and_the_dashboard_warn_when_email_waits_too_long(admin, settings):
    waiting_since(20)
    listing = page(admin, reverse("outgoing_email:index"))
    dashboard = page(admin, reverse("wagtailadmin_home"))
    for html in (listing, dashboard):
        assert WARNING in html
        assert "has waited 20\xa0minutes (the limit is 15\xa0minutes)" in html
        assert CHECK in html and "journalctl -u campaigns-email-worker" in html
        assert f'href="{reverse("outgoing_email:index")}?status=queued"' in html

    settings.EMAIL_QUEUE_STUCK_AFTER = 3600
    for url in (reverse("outgoing_email:index"), reverse("wagtailadmin_home")):
        assert WARNING not in page(admin, url)


def test_no_warning_while_email_goes_out_in_time(admin):
    waiting_since(5)
    waiting_since(90, status=EmailStatus.SENT)
    waiting_since(90, status=EmailStatus.FAILED)  # listed as failed, with its own retry
    for url in (reverse("outgoing_email:index"), reverse("wagtailadmin_home")):
        assert WARNING not in page(admin, url)


def test_the_dashboard_warns_only_those_who_may_see_the_queue(client, db):
    waiting_since(20)
    viewer = StaffFactory(username="viewer", permissions=["campaigns.view_outboundemail"])
    client.force_login(viewer)
    assert WARNING in page(client, reverse("wagtailadmin_home"))
    client.force_login(UserFactory(username="campaigner", role=CAMPAIGNERS))
    assert WARNING not in page(client, reverse("wagtailadmin_home"))
