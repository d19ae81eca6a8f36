"""Degrade, don't fail: the cache backend that skips a lost Redis (home.cache_backend), the
rate limits that fail closed without it, and the client hash that links nothing beyond
one form and one period (home.abuse)."""

import json
import logging
import time
from types import SimpleNamespace

import pytest
from django.core.cache import caches
from django.test import RequestFactory, override_settings

from home import abuse
from home.abuse import RateLimit, client_hash
from home.cache_backend import CacheUnavailable, DegradingRedisCache, strict

from ..faults.proxy import TcpProxy
from ..production import PRODUCTION_ENV, manage

REDIS_DB = 12


@pytest.fixture
def proxy(redis_service):
    with TcpProxy(6379) as proxy:
        yield proxy


def backend(proxy, pause=0.3):
    return DegradingRedisCache(
        f"redis://127.0.0.1:{proxy.port}/{REDIS_DB}", {"OPTIONS": {"down_pause": pause}}
    )


def request(address="192.0.2.1"):
    return RequestFactory().post("/", REMOTE_ADDR=address)


# --- the cache backend ----------------------------------------------------------------------


@pytest.mark.parametrize("fault", ["cut", "blackhole"])
def test_a_lost_redis_is_skipped_fast_and_every_operation_falls_back(proxy, fault):
    cache = backend(proxy)
    cache.set("kept", "value")
    assert cache.get("kept") == "value"
    getattr(proxy, fault)()

    started = time.monotonic()
    assert cache.get("kept", "default") == "default"
    # One timeout (CACHE_SOCKET_TIMEOUT, no retries) at most...
    assert time.monotonic() - started < 1
    started = time.monotonic()
    assert cache.get_many(["kept"]) == {}
    assert cache.add("new", 1) is False
    assert cache.set("kept", "other") is None
    assert cache.set_many({"a": 1, "b": 2}) == ["a", "b"]
    assert cache.has_key("kept") is False
    assert cache.delete("kept") is False
    assert cache.touch("kept") is False
    assert cache.get_or_set("kept", "computed") == "computed"
    with pytest.raises(ValueError, match="unreachable"):
        cache.incr("counter")
    # ...then none while the breaker holds off.
    assert time.monotonic() - started < 0.1

    proxy.restore()
    time.sleep(0.35)
    assert cache.get("kept") == "value"  # nothing was written while it was down


def test_an_outage_is_logged_once_and_so_is_the_recovery(proxy, caplog):
    cache = backend(proxy, pause=0.1)
    cache.get("warm")
    caplog.set_level(logging.WARNING, logger="home.cache_backend")
    proxy.cut()
    for _ in range(3):
        cache.get("key")
        time.sleep(0.15)  # past the pause: the server is tried again, and fails again
    proxy.restore()
    time.sleep(0.15)
    for _ in range(3):
        cache.get("key")
    messages = [(record.levelname, record.getMessage()) for record in caplog.records]
    assert len(messages) == 2, messages
    assert messages[0][0] == "ERROR" and messages[0][1].startswith("Cache unreachable")
    assert messages[1] == ("WARNING", "Cache reachable again")


def test_the_strict_path_tells_down_from_empty(proxy):
    cache = backend(proxy)
    assert strict(cache).get("missing") is None
    proxy.cut()
    with pytest.raises(CacheUnavailable):
        strict(cache).add("key", 1)
    with pytest.raises(CacheUnavailable):  # the breaker: at once, without trying
        strict(cache).get("key")
    with pytest.raises(AttributeError):
        strict(cache).get_or_set  # noqa: B018 - built on the degrading operations


def test_every_command_goes_through_one_client_that_survives_an_outage(proxy):
    """Django's Redis client builds a new `redis.Redis` per command (its reply table costs
    about 0.1 ms each time); the backend keeps one per connection pool."""
    cache = backend(proxy, pause=0.1)
    client = cache._cache.get_client()
    cache.set("kept", "value")
    assert cache._cache.get_client(write=True) is client is cache._cache.get_client("kept")
    proxy.cut()
    assert cache.get("kept", "default") == "default"
    proxy.restore()
    time.sleep(0.15)
    assert cache.get("kept") == "value"
    assert cache._cache.get_client() is client


def test_a_cache_with_no_server_to_lose_is_its_own_strict_path():
    cache = caches["default"]
    assert strict(cache) is cache


def test_production_uses_the_degrading_backend_for_redis_with_short_timeouts():
    code = (
        "import json, re; from django.conf import settings as s; print(json.dumps("
        "[s.CACHES['default'], [bool(any(re.match(p, u) for p in s.SECURE_REDIRECT_EXEMPT)) "
        "for u in ('healthz/', 'healthz/live/', 'healthz/ready/', 'healthz/x/')]]))"
    )
    result = manage(
        "shell",
        "--no-imports",
        "-c",
        code,
        env={**PRODUCTION_ENV, "CACHE_URL": "redis://127.0.0.1:6379/1?socket_timeout=1"},
    )
    assert result.returncode == 0, result.stderr
    cache, exempt = json.loads(result.stdout)
    assert cache["BACKEND"] == "home.cache_backend.DegradingRedisCache"
    assert cache["OPTIONS"] == {
        "socket_timeout": 1,  # CACHE_URL's own option wins
        "socket_connect_timeout": 0.25,
        "down_pause": 5.0,
    }
    assert exempt == [True, True, True, False]


# --- rate limits without a cache -------------------------------------------------------------


def test_every_public_form_fails_closed_while_the_cache_is_down(
    client, endpoint, unreachable_cache
):
    data = endpoint.data(0)
    with override_settings(CACHES=unreachable_cache):
        response = client.post(endpoint.url, data, HTTP_SEC_FETCH_SITE="same-origin")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "no-store" in response["Cache-Control"]
    html = response.content.decode()
    assert '<p class="notice" role="alert" data-refusal="unavailable">' in html
    assert "please try again shortly" in html
    typed = [value for value in data.values() if value not in ("", "on")]
    assert all(value in html for value in typed), typed  # nothing typed is lost
    assert endpoint.stored() == 0


def test_pages_are_served_while_the_cache_is_down(client, site, unreachable_cache):
    with override_settings(CACHES=unreachable_cache):
        for page in (site.home, site.cases, site.case, site.petition, site.contact):
            assert client.get(page.url).status_code == 200, page.url


# --- the client hash --------------------------------------------------------------------------


def test_the_client_hash_is_the_same_only_for_one_form_in_one_period():
    same = client_hash(request(), "sign", 7)
    assert client_hash(request(), "sign", 7) == same
    assert client_hash(request(), "contact", 7) != same
    assert client_hash(request(), "sign", 8) != same
    assert client_hash(request("192.0.2.2"), "sign", 7) != same


def test_the_client_hash_is_keyed_by_its_own_secret_not_secret_key(settings):
    before = client_hash(request(), "sign", 7)
    settings.SECRET_KEY = "another-secret-key-" + "z" * 40
    assert client_hash(request(), "sign", 7) == before
    settings.CLIENT_HASH_KEY = "another-client-hash-key-" + "q" * 20
    assert client_hash(request(), "sign", 7) != before


@pytest.fixture
def clock(monkeypatch):
    """home.abuse's time, set by the test."""
    now = SimpleNamespace(value=1_000_000.0)
    monkeypatch.setattr(abuse, "time", SimpleNamespace(time=lambda: now.value))
    return now


@pytest.mark.django_db
def test_a_rate_limit_allows_n_per_fixed_window_and_forgets_the_client_after(clock):
    caches["default"].clear()
    limit = RateLimit("window", limit=2, window=100)
    clock.value = 1_000_050.0  # halfway through period 10 000
    first_key = limit.key(request())
    assert [limit.hit(request()) for _ in range(3)] == [True, True, False]
    clock.value = 1_000_099.0
    assert not limit.hit(request())
    clock.value = 1_000_100.0  # the next period: a new counter, under a hash not linked
    assert limit.key(request()) != first_key
    assert limit.hit(request())


def test_a_rate_limit_counter_expires_when_its_period_ends(proxy, clock, unreachable_cache):
    redis = {
        **unreachable_cache["default"],
        "LOCATION": f"redis://127.0.0.1:{proxy.port}/{REDIS_DB}",
    }
    limit = RateLimit("expiry", limit=2, window=100)
    clock.value = 1_000_070.0  # 30 s before period 10 000 ends
    with override_settings(CACHES={"default": redis}):
        cache = caches["default"]
        key = limit.key(request())
        cache.delete(key)
        assert limit.hit(request())
        assert 29 <= cache._cache.get_client(write=True).ttl(cache.make_key(key)) <= 30
        cache.delete(key)
