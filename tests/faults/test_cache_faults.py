"""Redis lost, as production runs it (home.cache_backend.DegradingRedisCache), through a TCP
proxy: pages are still served, fast; readiness says the cache is down; signing fails
closed with "try again shortly" and keeps what was typed; once Redis is back, rate limits
count again and readiness is ok."""

import time

import pytest
from django.core.cache import caches
from django.test import override_settings

from campaigns.models import (
    ActionKind,
    ActionPage,
    BlogPostPage,
    CaseIndexPage,
    CasePage,
    Signature,
)

from .proxy import TcpProxy

REDIS_DB = 12
PAUSE = 1.5  # CACHE_DOWN_PAUSE, shortened so that recovery is seen within the test


@pytest.fixture(scope="module")
def proxy(redis_service):
    with TcpProxy(6379) as proxy:
        yield proxy


@pytest.fixture
def redis_through_proxy(proxy, built_demo, db):
    cache = {
        "BACKEND": "home.cache_backend.DegradingRedisCache",
        "LOCATION": f"redis://127.0.0.1:{proxy.port}/{REDIS_DB}",
        "OPTIONS": {"down_pause": PAUSE},
    }
    with override_settings(CACHES={"default": cache}):
        caches["default"].clear()
        yield proxy
        proxy.restore()
        time.sleep(PAUSE)
        caches["default"].clear()


def english(pages):
    return pages.live().filter(locale__language_code="en").first()


@pytest.fixture
def demo_pages(built_demo, db):
    petition = english(ActionPage.objects.filter(kind=ActionKind.PETITION))
    pages = [
        "/",
        english(CasePage.objects).url,
        english(CaseIndexPage.objects).url,
        english(BlogPostPage.objects).url,
        petition.url,
    ]
    return pages, petition


def sign(client, petition, n):
    data = {"name": "Typed Name", "email": f"signer{n}@example.org", "consent": "on"}
    return client.post(f"/sign/{petition.pk}/", data, HTTP_SEC_FETCH_SITE="same-origin")


def timed_get(client, url):
    started = time.monotonic()
    response = client.get(url)
    return response.status_code, time.monotonic() - started


@pytest.mark.parametrize("fault", ["cut", "blackhole"])
def test_pages_outlive_redis_and_signing_fails_closed_until_it_is_back(
    client, redis_through_proxy, demo_pages, fault, settings
):
    proxy = redis_through_proxy
    pages, petition = demo_pages
    for url in pages:  # warm: Wagtail's site root paths and renditions in Redis
        assert client.get(url).status_code == 200, url

    getattr(proxy, fault)()
    started = time.monotonic()
    for url in pages:
        status, seconds = timed_get(client, url)
        assert status == 200, url
        assert seconds < 1, (url, seconds)
    # One socket timeout, then the breaker skips Redis: not one timeout per request.
    assert time.monotonic() - started < 2

    response = client.get("/healthz/ready/")
    assert response.status_code == 200
    assert response.json()["status"] == "degraded"
    assert response.json()["checks"]["cache"]["status"] == "degraded"

    signatures = Signature.objects.count()
    response = sign(client, petition, 1)
    assert response.status_code == 503
    assert response["Retry-After"]
    html = response.content.decode()
    assert 'data-refusal="unavailable"' in html
    assert 'value="Typed Name"' in html and 'value="signer1@example.org"' in html
    assert Signature.objects.count() == signatures

    proxy.restore()
    time.sleep(PAUSE)
    response = client.get("/healthz/ready/")
    assert response.json()["checks"]["cache"] == {"status": "ok"}
    settings.SIGN_PER_CLIENT = 1
    assert sign(client, petition, 2).status_code == 303
    refused = sign(client, petition, 3)
    assert refused.status_code == 429  # counted again in Redis
    assert 'data-refusal="flood"' in refused.content.decode()
    assert Signature.objects.count() == signatures + 1
