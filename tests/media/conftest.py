"""An S3 server on 127.0.0.1 (moto's, in a thread of the test process) and the site's media
on it, configured by home/media.py exactly as settings/base.py configures production.

The server is started once per module and forgets its buckets when stopped; each test gets
a bucket of its own, so objects one test uploads never show up in another's listing.
"""

import itertools
import logging

import boto3
import pytest
from django.conf import settings
from django.core.cache import caches
from django.test import override_settings
from moto.server import ThreadedMotoServer
from wagtail.images import get_image_model

from home.media import media_storage, renditions_cache

REGION = "us-east-1"
KEYS = {"MEDIA_S3_ACCESS_KEY_ID": "test-access-key", "MEDIA_S3_SECRET_ACCESS_KEY": "test-secret"}
# Redis database 2 of the local service is this suite's (other suites use 1, 3, 4, 5).
RENDITIONS_REDIS = "redis://127.0.0.1:6379/2"

_buckets = itertools.count()


@pytest.fixture(scope="module")
def s3_endpoint():
    """The address of a moto S3 server on a free port of 127.0.0.1, stopped after the module."""
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    requests_log = logging.getLogger("werkzeug")  # a line per S3 request otherwise
    level = requests_log.level
    requests_log.setLevel(logging.WARNING)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()
    requests_log.setLevel(level)


@pytest.fixture
def s3_environ(s3_endpoint):
    """The environment of a site whose media are in a new, empty bucket of the server.

    No rendition is remembered from an earlier test's bucket either: Wagtail's cache key is
    the image's id (reused once a test's rows are rolled back) and file hash (the same for
    the same factory picture), so it would name a rendition that is not in this bucket.
    """
    get_image_model().get_rendition_model().cache_backend.clear()
    bucket = f"campaign-media-{next(_buckets)}"
    s3_client(s3_endpoint).create_bucket(Bucket=bucket)
    return {
        "MEDIA_S3_BUCKET": bucket,
        "MEDIA_S3_ENDPOINT_URL": s3_endpoint,
        "MEDIA_S3_REGION": REGION,
        **KEYS,
    }


@pytest.fixture
def bucket(s3_environ):
    """What is in the bucket: `bucket.keys()`, `bucket.head(key)`, `bucket.name`."""
    return Bucket(s3_client(s3_environ["MEDIA_S3_ENDPOINT_URL"]), s3_environ["MEDIA_S3_BUCKET"])


@pytest.fixture
def s3_media(s3_environ):
    """The site's default storage is the bucket, as MEDIA_S3_* make it in production."""
    storages = {**settings.STORAGES, "default": media_storage(s3_environ)}
    with override_settings(STORAGES=storages):
        yield s3_environ


@pytest.fixture
def renditions_in_redis(redis_service):
    """Wagtail's renditions cache on Redis (database 2), emptied before and after."""
    cache = renditions_cache(
        {"RENDITIONS_CACHE_URL": RENDITIONS_REDIS}, settings.CACHES["default"], {}
    )
    with override_settings(CACHES={**settings.CACHES, "renditions": cache}):
        caches["renditions"].clear()
        yield caches["renditions"]
        caches["renditions"].clear()


def s3_client(endpoint):
    return boto3.client(
        "s3",
        endpoint_url=endpoint,
        region_name=REGION,
        aws_access_key_id=KEYS["MEDIA_S3_ACCESS_KEY_ID"],
        aws_secret_access_key=KEYS["MEDIA_S3_SECRET_ACCESS_KEY"],
    )


class Bucket:
    def __init__(self, client, name):
        self.client = client
        self.name = name

    def keys(self, prefix=""):
        listing = self.client.list_objects_v2(Bucket=self.name, Prefix=prefix)
        return sorted(item["Key"] for item in listing.get("Contents", []))

    def head(self, key):
        return self.client.head_object(Bucket=self.name, Key=key)
