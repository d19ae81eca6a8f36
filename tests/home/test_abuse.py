"""Defences of the public forms, against the shared cache production uses (Redis)."""

import pytest
from django.core.cache import caches
from django.test import RequestFactory, override_settings

from home.abuse import RateLimit, client_address, client_hash, client_network, is_cross_site

REDIS = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:6379/15",
    }
}


@pytest.fixture
def redis_cache(redis_service):
    with override_settings(CACHES=REDIS):
        caches["default"].clear()
        yield caches["default"]
        caches["default"].clear()


def request(address="192.0.2.1", **meta):
    return RequestFactory().post("/", REMOTE_ADDR=address, **meta)


def test_rate_limit_counts_in_redis_per_client(redis_cache):
    limit = RateLimit("test", limit=3, window=60)
    assert [limit.hit(request()) for _ in range(5)] == [True, True, True, False, False]
    assert limit.hit(request("192.0.2.2"))
    # The counter lives in Redis, keyed by a hash: no address in the key.
    keys = redis_cache._cache.get_client().keys("*ratelimit:test:*")
    assert keys and all(b"192.0.2" not in key for key in keys)


def test_rate_limit_window_expires(redis_cache):
    limit = RateLimit("short", limit=1, window=1)
    assert limit.hit(request())
    assert not limit.hit(request())
    redis_cache.delete(limit.key(request()))  # as expiry would
    assert limit.hit(request())


def test_client_hash_is_stable_and_does_not_contain_the_address():
    assert client_hash(request(), "test", 1) == client_hash(request(), "test", 1)
    assert client_hash(request(), "test", 1) != client_hash(request("192.0.2.2"), "test", 1)
    assert "192.0.2.1" not in client_hash(request(), "test", 1)


@pytest.mark.parametrize(
    ("address", "network"),
    [
        ("192.0.2.1", "192.0.2.1"),
        ("2001:db8:1:2:aaaa::1", "2001:db8:1:2::/64"),
        ("2001:db8:1:2:ffff:ffff:ffff:ffff", "2001:db8:1:2::/64"),
        ("::ffff:192.0.2.1", "192.0.2.1"),
        ("not an address", "not an address"),
    ],
)
def test_a_client_is_its_ipv4_address_or_its_ipv6_64(address, network):
    assert client_network(request(address)) == network


def test_addresses_of_one_ipv6_64_are_one_client_for_the_rate_limits():
    same = client_hash(request("2001:db8:1:2::1"), "test", 1)
    assert client_hash(request("2001:db8:1:2:9:9:9:9"), "test", 1) == same
    assert client_hash(request("2001:db8:1:3::1"), "test", 1) != same


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (0, "203.0.113.9", "10.0.0.1"),  # no proxy trusted: the peer
        (1, "203.0.113.9", "203.0.113.9"),  # one proxy: what it saw
        (1, "6.6.6.6, 203.0.113.9", "203.0.113.9"),  # a forged entry on the left is ignored
        (2, "203.0.113.9, 10.0.0.2", "203.0.113.9"),  # two proxies
        (2, "", "10.0.0.1"),  # header missing: the peer
    ],
)
def test_client_address_behind_trusted_proxies(settings, proxies, forwarded, expected):
    settings.TRUSTED_PROXIES = proxies
    assert client_address(request("10.0.0.1", HTTP_X_FORWARDED_FOR=forwarded)) == expected


@pytest.mark.parametrize(
    ("meta", "cross"),
    [
        ({}, False),
        ({"HTTP_SEC_FETCH_SITE": "same-origin"}, False),
        ({"HTTP_SEC_FETCH_SITE": "none"}, False),
        ({"HTTP_SEC_FETCH_SITE": "cross-site"}, True),
        ({"HTTP_SEC_FETCH_SITE": "same-site"}, True),
        ({"HTTP_ORIGIN": "http://testserver"}, False),
        ({"HTTP_ORIGIN": "https://evil.example"}, True),
    ],
)
def test_cross_site_detection(meta, cross):
    assert is_cross_site(request(**meta)) is cross
