"""Where uploaded media live, and where their renditions are remembered: settings from the
environment.

settings/base.py builds `STORAGES["default"]`, the CSP image sources and
`CACHES["renditions"]` with these functions, and tests/media/ builds the same dictionaries
with them, so the tests exercise the configuration production runs. Each takes the
environment as a mapping (`os.environ` in the settings, a dict in the tests). Nothing here
reads Django's settings or imports boto3 (a fifth of a second at every start, for sites that
keep media on disk): the storage class, home.storage.MediaS3Storage, is named by string.
"""

from urllib.parse import urlsplit

import environ

S3_STORAGE = "home.storage.MediaS3Storage"
FILE_SYSTEM_STORAGE = "django.core.files.storage.FileSystemStorage"
REDIS_CACHES = {
    "django.core.cache.backends.redis.RedisCache",
    "home.cache_backend.DegradingRedisCache",
}

# A rendition entry stays valid as long as the rendition exists (Wagtail deletes it with the
# rendition, and its key holds the original's hash), so it may live long: a month by default.
RENDITIONS_CACHE_TIMEOUT = 30 * 24 * 3600


def media_storage(variables):
    """`STORAGES["default"]`: the S3-compatible bucket MEDIA_S3_BUCKET names, or MEDIA_ROOT
    on the local disk when it is unset (the embedded default).

    Objects are written without an ACL (the bucket policy decides what the public may read:
    only renditions, README "Media on S3") and their URLs are plain, unsigned addresses, so
    a page's HTML is the same for everyone and caches. A name already taken gets a suffix
    rather than replacing another image's file. Keys come from MEDIA_S3_ACCESS_KEY_ID and
    MEDIA_S3_SECRET_ACCESS_KEY, else from boto3's own chain (AWS_ACCESS_KEY_ID..., an
    instance role).
    """
    bucket = variables.get("MEDIA_S3_BUCKET", "").strip()
    if not bucket:
        return {"BACKEND": FILE_SYSTEM_STORAGE}
    endpoint = variables.get("MEDIA_S3_ENDPOINT_URL", "").strip().rstrip("/")
    region = variables.get("MEDIA_S3_REGION", "").strip()
    protocol, domain = custom_domain(variables) or bucket_address(bucket, endpoint, region)
    options = {
        "bucket_name": bucket,
        "endpoint_url": endpoint,
        "region_name": region,
        "access_key": variables.get("MEDIA_S3_ACCESS_KEY_ID", ""),
        "secret_key": variables.get("MEDIA_S3_SECRET_ACCESS_KEY", ""),
    }
    # Unset options are left out, for django-storages' defaults (and AWS_* variables) to apply.
    options = {name: value for name, value in options.items() if value}
    options.update(
        custom_domain=domain,
        url_protocol=protocol,
        querystring_auth=False,
        file_overwrite=False,
        default_acl=None,
    )
    return {"BACKEND": S3_STORAGE, "OPTIONS": options}


def custom_domain(variables):
    """(protocol, host) of MEDIA_S3_CUSTOM_DOMAIN, the CDN in front of the bucket: a bare
    host (served over HTTPS) or an address with its scheme (`http://media.internal:9000`);
    None when unset."""
    value = variables.get("MEDIA_S3_CUSTOM_DOMAIN", "").strip().rstrip("/")
    if not value:
        return None
    if "://" not in value:
        return "https:", value
    parts = urlsplit(value)
    return f"{parts.scheme}:", parts.netloc


def bucket_address(bucket, endpoint, region):
    """(protocol, host and path) of the bucket's public address, as botocore builds it:
    by path on an S3-compatible endpoint; on AWS, the bucket's own host, or by path when
    its name has a dot (which the certificate of *.s3.amazonaws.com does not cover).

    Given to django-storages as the custom domain, so that a URL is joined as a string:
    botocore takes a tenth of a millisecond to build each (some 30 ms for a listing's 270
    image sizes and formats). tests/media checks that both give the same address.
    """
    if endpoint:
        parts = urlsplit(endpoint)
        return f"{parts.scheme}:", f"{parts.netloc}{parts.path}/{bucket}"
    if "." in bucket:
        return (
            "https:",
            f"s3.{region}.amazonaws.com/{bucket}" if region else f"s3.amazonaws.com/{bucket}",
        )
    return "https:", f"{bucket}.s3.amazonaws.com"


def media_origins(variables):
    """The origins media URLs point at, for the Content-Security-Policy's img-src: none
    when media are served by this site (MEDIA_ROOT)."""
    storage = media_storage(variables)
    if storage["BACKEND"] != S3_STORAGE:
        return []
    options = storage["OPTIONS"]
    return [f"{options['url_protocol']}//{options['custom_domain'].partition('/')[0]}"]


def renditions_cache(variables, default_cache, redis_options):
    """`CACHES["renditions"]`, the cache Wagtail looks renditions up in (so that a page's
    images cost no query), kept apart from the default cache with a long timeout.

    RENDITIONS_CACHE_URL if set; else the default cache's Redis under its own key prefix;
    else a local memory cache. On Redis it degrades like the default cache
    (home/cache_backend.py): an outage costs a query per image, never a page.
    `redis_options` are DegradingRedisCache's (socket timeouts, down_pause); options in
    the URL win.
    """
    timeout = int(variables.get("RENDITIONS_CACHE_TIMEOUT") or RENDITIONS_CACHE_TIMEOUT)
    url = variables.get("RENDITIONS_CACHE_URL", "").strip()
    if url:
        cache = environ.Env.cache_url_config(url)
    elif default_cache["BACKEND"] in REDIS_CACHES:
        prefix = ":".join(filter(None, [default_cache.get("KEY_PREFIX", ""), "renditions"]))
        cache = {**default_cache, "KEY_PREFIX": prefix}
    else:
        cache = {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "renditions",
        }
    if cache["BACKEND"] in REDIS_CACHES:
        cache["BACKEND"] = "home.cache_backend.DegradingRedisCache"
        cache["OPTIONS"] = {**redis_options, **cache.get("OPTIONS", {})}
    return {**cache, "TIMEOUT": timeout}
