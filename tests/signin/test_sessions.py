"""Signed out after idle time in the admin, and the admin only from the allowed networks;
readers of the public site get no session either way."""

import time

import pytest

from home.signin import middleware

from .conftest import LOGIN, fully_signed_in, is_signed_in

pytestmark = pytest.mark.django_db


def idle_for(client, minutes):
    session = client.session
    session[middleware.LAST_SEEN] = int(time.time()) - minutes * 60
    session.save()


def test_signed_out_after_the_idle_time(client, campaigner, settings):
    settings.ADMIN_SESSION_IDLE_MINUTES = 30
    fully_signed_in(client, campaigner)
    assert is_signed_in(client)
    idle_for(client, 29)
    assert is_signed_in(client)
    idle_for(client, 31)
    response = client.get("/admin/pages/")
    assert (response.status_code, response.url) == (302, f"{LOGIN}?next=/admin/pages/")
    assert "signed out after 30 minutes without activity" in client.get(response.url).text
    assert not is_signed_in(client)


def test_each_admin_request_counts_as_activity(client, campaigner):
    fully_signed_in(client, campaigner)
    idle_for(client, 25)
    client.get("/admin/")
    assert time.time() - client.session[middleware.LAST_SEEN] < 5


def test_an_open_editor_pinging_by_itself_is_not_activity(client, campaigner, home_page):
    """The page editor pings "who else is editing" every few seconds: an unattended
    machine with an edit page open is still signed out when the idle time is up."""
    fully_signed_in(client, campaigner)
    idle_for(client, 25)
    seen = client.session[middleware.LAST_SEEN]
    ping = f"/admin/editing-sessions/ping/wagtailcore/page/{home_page.pk}/0/"
    client.post(ping)
    assert client.session[middleware.LAST_SEEN] == seen


def test_public_readers_get_no_session_cookie(client, home_page):
    response = client.get("/")
    assert response.status_code == 200
    assert not response.cookies


@pytest.fixture
def networks(settings):
    settings.ADMIN_ALLOWED_NETWORKS = ["192.0.2.0/24", "2001:db8:1::/48"]


@pytest.mark.parametrize(
    ("address", "status"),
    [
        ("192.0.2.10", 200),
        ("198.51.100.10", 404),
        ("2001:db8:1::10", 200),
        ("2001:db8:2::10", 404),
        ("::ffff:192.0.2.10", 200),
        ("", 404),
    ],
)
def test_the_admin_answers_only_from_the_allowed_networks(client, networks, address, status):
    assert client.get(LOGIN, REMOTE_ADDR=address).status_code == status


def test_the_allowed_networks_are_seen_through_the_trusted_proxies(client, networks, settings):
    settings.TRUSTED_PROXIES = 1
    inside = {"REMOTE_ADDR": "10.0.0.1", "HTTP_X_FORWARDED_FOR": "192.0.2.10"}
    outside = {"REMOTE_ADDR": "192.0.2.1", "HTTP_X_FORWARDED_FOR": "198.51.100.10"}
    spoofed = {"REMOTE_ADDR": "10.0.0.1", "HTTP_X_FORWARDED_FOR": "192.0.2.10, 198.51.100.10"}
    assert client.get(LOGIN, **inside).status_code == 200
    assert client.get(LOGIN, **outside).status_code == 404
    assert client.get(LOGIN, **spoofed).status_code == 404


def test_signed_in_people_are_refused_outside_the_networks_too(client, campaigner, networks):
    fully_signed_in(client, campaigner)
    assert client.get("/admin/", REMOTE_ADDR="198.51.100.10").status_code == 404


def test_the_public_site_answers_from_anywhere(client, networks):
    assert client.get("/robots.txt", REMOTE_ADDR="198.51.100.10").status_code == 200
