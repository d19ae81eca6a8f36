"""Production: behind TLS, with PostgreSQL and Redis.

Refuses to start without a real SECRET_KEY (base.py), ALLOWED_HOSTS, a BASE_URL
that ALLOWED_HOSTS lets in and a database URL; passes `manage.py check --deploy`
with no warning.
"""

from django.http.request import validate_host

from .base import *

if DEBUG:
    raise ImproperlyConfigured("DEBUG must be off in production (unset DEBUG).")
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured(
        "ALLOWED_HOSTS must list the site's host names, e.g. ALLOWED_HOSTS=example.org"
    )
if not env.str("BASE_URL", default="") or not base_url_host(BASE_URL):
    raise ImproperlyConfigured(
        "BASE_URL must be the site's public address, e.g. BASE_URL=https://example.org"
    )
if not validate_host(base_url_host(BASE_URL), ALLOWED_HOSTS):
    # Every link the site sends (emails, feeds, sitemap, share links) would answer 400.
    raise ImproperlyConfigured(
        f"BASE_URL={BASE_URL} names a host that ALLOWED_HOSTS={','.join(ALLOWED_HOSTS)} "
        "does not let in: set BASE_URL to the site's public address, e.g. "
        "BASE_URL=https://example.org, or add its host to ALLOWED_HOSTS."
    )
if not env.str("DATABASE_URL", default=""):
    raise ImproperlyConfigured(
        "DATABASE_URL must point at the production database, "
        "e.g. postgres://user:password@db.internal:5432/campaigns"
    )
if len(env.str("CLIENT_HASH_KEY", default="")) < 32 or CLIENT_HASH_KEY == SECRET_KEY:
    # The key of the hashes that rate limits count clients by (home.abuse.client_hash).
    raise ImproperlyConfigured(
        "CLIENT_HASH_KEY must be set in the environment to a random value of at least 32 "
        "characters, other than SECRET_KEY (generate one with: python -c 'import secrets; "
        "print(secrets.token_urlsafe(48))')."
    )
if OPEN_DATA_SIGNING and not OPEN_DATA_SIGNING_KEY:
    # Without it the open-data files would be signed with the published demo key.
    raise ImproperlyConfigured(
        "OPEN_DATA_SIGNING_KEY must be set to the site's Ed25519 key, the base64 of 32 random "
        "bytes (python -c 'import base64, os; print(base64.b64encode(os.urandom(32)).decode())')"
        " or a PEM file's path; or set OPEN_DATA_SIGNING=false to publish unsigned files."
    )

# TLS is terminated by the proxy in front of the app servers.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
# Load balancers ask over plain HTTP: /healthz/ (readiness), /healthz/live/, /healthz/ready/.
SECURE_REDIRECT_EXEMPT = [r"^healthz/((live|ready)/)?$"]
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
USE_X_FORWARDED_HOST = env.bool("USE_X_FORWARDED_HOST", default=False)

LOGGING["root"]["level"] = env.str("LOG_LEVEL", default="WARNING")
