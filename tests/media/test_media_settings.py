"""The media settings read from the environment (home/media.py), and production settings
loaded with them: the local disk by default, a bucket when MEDIA_S3_BUCKET is set, CSP
image sources that match the URLs the storage builds, and the renditions cache."""

import json
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.files.storage import FileSystemStorage, default_storage
from storages.backends.s3 import S3Storage

from home.media import RENDITIONS_CACHE_TIMEOUT, media_origins, media_storage, renditions_cache
from home.storage import MediaS3Storage

from ..production import PRODUCTION_ENV, ROOT

KEYS = {"MEDIA_S3_ACCESS_KEY_ID": "key-id", "MEDIA_S3_SECRET_ACCESS_KEY": "secret"}
REDIS_OPTIONS = {"socket_timeout": 0.25, "socket_connect_timeout": 0.25, "down_pause": 5.0}
DEFAULT_REDIS = {
    "BACKEND": "home.cache_backend.DegradingRedisCache",
    "LOCATION": "redis://127.0.0.1:6379/2",
    "KEY_PREFIX": "site-a",
    "OPTIONS": {**REDIS_OPTIONS, "socket_timeout": 1},
}


def test_without_a_bucket_media_stay_on_the_local_disk():
    assert media_storage({}) == {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    assert media_origins({}) == []
    # The suite runs without MEDIA_S3_*, as `make run` does.
    assert settings.STORAGES["default"] == media_storage({})
    assert default_storage.location == str(settings.MEDIA_ROOT)
    assert type(default_storage._wrapped) is FileSystemStorage


def test_a_bucket_is_configured_from_the_environment():
    environ = {
        "MEDIA_S3_BUCKET": "campaign-media",
        "MEDIA_S3_ENDPOINT_URL": "https://s3.eu-central-003.backblazeb2.com/",
        "MEDIA_S3_REGION": "eu-central-003",
        "MEDIA_S3_CUSTOM_DOMAIN": "media.campaign.example.org",
        **KEYS,
    }

    assert media_storage(environ) == {
        "BACKEND": "home.storage.MediaS3Storage",
        "OPTIONS": {
            "bucket_name": "campaign-media",
            "endpoint_url": "https://s3.eu-central-003.backblazeb2.com",
            "region_name": "eu-central-003",
            "access_key": "key-id",
            "secret_key": "secret",
            "custom_domain": "media.campaign.example.org",
            "url_protocol": "https:",
            "querystring_auth": False,
            "file_overwrite": False,
            "default_acl": None,
        },
    }


def test_without_its_own_keys_the_storage_takes_the_standard_aws_ones(monkeypatch):
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "from-aws-env")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "aws-secret")
    storage = MediaS3Storage(**media_storage({"MEDIA_S3_BUCKET": "campaign-media"})["OPTIONS"])

    assert (storage.access_key, storage.secret_key) == ("from-aws-env", "aws-secret")
    assert storage.querystring_auth is False and storage.file_overwrite is False


@pytest.mark.parametrize(
    ("environ", "origin"),
    [
        ({"MEDIA_S3_BUCKET": "campaign-media"}, "https://campaign-media.s3.amazonaws.com"),
        (
            {"MEDIA_S3_BUCKET": "campaign-media", "MEDIA_S3_REGION": "eu-central-1"},
            "https://campaign-media.s3.amazonaws.com",
        ),
        (
            {"MEDIA_S3_BUCKET": "media.campaign.org", "MEDIA_S3_REGION": "eu-central-1"},
            "https://s3.eu-central-1.amazonaws.com",
        ),
        ({"MEDIA_S3_BUCKET": "media.campaign.org"}, "https://s3.amazonaws.com"),
        (
            {"MEDIA_S3_BUCKET": "media", "MEDIA_S3_ENDPOINT_URL": "https://minio.example.org/"},
            "https://minio.example.org",
        ),
        (
            {"MEDIA_S3_BUCKET": "media", "MEDIA_S3_ENDPOINT_URL": "http://127.0.0.1:9000/s3"},
            "http://127.0.0.1:9000",
        ),
    ],
)
def test_media_urls_are_the_ones_botocore_builds_from_an_origin_the_csp_lets_in(environ, origin):
    options = media_storage({**environ, **KEYS})["OPTIONS"]
    botocore_built = S3Storage(**{**options, "custom_domain": None, "url_protocol": "https:"})
    name = "images/0123456789ab/portrait.2e16d0ba.fill-300x200.jpg"

    url = MediaS3Storage(**options).url(name)

    assert url == botocore_built.url(name)
    assert url.startswith(f"{origin}/")
    assert media_origins(environ) == [origin]


@pytest.mark.parametrize(
    ("custom_domain", "origin"),
    [
        ("cdn.example.org", "https://cdn.example.org"),
        ("http://media.internal:9000/", "http://media.internal:9000"),
    ],
)
def test_media_urls_point_at_the_cdn_in_front_of_the_bucket(custom_domain, origin):
    environ = {"MEDIA_S3_BUCKET": "media", "MEDIA_S3_CUSTOM_DOMAIN": custom_domain}
    storage = MediaS3Storage(**media_storage({**environ, **KEYS})["OPTIONS"])

    assert storage.url("images/a b.jpg") == f"{origin}/images/a%20b.jpg"
    assert media_origins(environ) == [origin]


def test_the_renditions_cache_can_have_a_redis_of_its_own():
    cache = renditions_cache(
        {"RENDITIONS_CACHE_URL": "redis://127.0.0.1:6379/2"}, DEFAULT_REDIS, REDIS_OPTIONS
    )

    assert cache == {
        "BACKEND": "home.cache_backend.DegradingRedisCache",
        "LOCATION": "redis://127.0.0.1:6379/2",
        "OPTIONS": REDIS_OPTIONS,
        "TIMEOUT": RENDITIONS_CACHE_TIMEOUT,
    }


def test_the_renditions_cache_shares_the_default_redis_under_its_own_prefix():
    cache = renditions_cache({"RENDITIONS_CACHE_TIMEOUT": "3600"}, DEFAULT_REDIS, REDIS_OPTIONS)

    assert cache == {**DEFAULT_REDIS, "KEY_PREFIX": "site-a:renditions", "TIMEOUT": 3600}


def test_the_renditions_cache_is_in_memory_without_redis():
    cache = renditions_cache({}, {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}, {})

    assert cache["BACKEND"] == "django.core.cache.backends.locmem.LocMemCache"
    assert cache["LOCATION"] == "renditions"


def production_settings(env, *names):
    """The values of settings.production's `names` in a process with `env`."""
    code = (
        "import django, json; django.setup(); from django.conf import settings; "
        f"print(json.dumps([getattr(settings, name) for name in {list(names)!r}], default=str))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={"PATH": "/usr/bin:/bin", **PRODUCTION_ENV, **env},
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return json.loads(result.stdout)


def test_production_settings_take_the_bucket_its_cdn_and_the_renditions_redis():
    env = {
        "MEDIA_S3_BUCKET": "campaign-media",
        "MEDIA_S3_CUSTOM_DOMAIN": "media.campaign.example.org",
        "RENDITIONS_CACHE_URL": "redis://127.0.0.1:6379/2",
    }
    storages, csp, admin_csp, caches, serve = production_settings(
        env, "STORAGES", "SECURE_CSP", "ADMIN_CSP", "CACHES", "WAGTAILDOCS_SERVE_METHOD"
    )

    assert storages["default"]["BACKEND"] == "home.storage.MediaS3Storage"
    assert "https://media.campaign.example.org" in csp["img-src"]
    assert "https://media.campaign.example.org" in admin_csp["img-src"]
    assert caches["renditions"]["BACKEND"] == "home.cache_backend.DegradingRedisCache"
    assert caches["renditions"]["LOCATION"] == "redis://127.0.0.1:6379/2"
    assert serve == "serve_view"
