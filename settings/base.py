"""Settings shared by every environment: safe to run in production as they are.

Everything that differs between machines comes from the environment (or an
optional `.env` file beside manage.py); see `.env.example`. `dev.py` and
`test.py` relax these defaults, `production.py` tightens them further.
"""

import os
from pathlib import Path
from urllib.parse import urlsplit

import environ
from django.core.exceptions import ImproperlyConfigured
from django.http.request import split_domain_port
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

from home.media import media_origins, media_storage, renditions_cache

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

# --- Core -------------------------------------------------------------------

DEBUG = env.bool("DEBUG", default=False)

SECRET_KEY = env.str("SECRET_KEY", default="")
if len(SECRET_KEY) < 50 or SECRET_KEY.startswith(("change-me", "django-insecure")):
    raise ImproperlyConfigured(
        "SECRET_KEY must be set in the environment to a random value of at least 50 "
        "characters (generate one with: python -c 'import secrets; "
        "print(secrets.token_urlsafe(64))')."
    )

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

# The public address of the site, used in emails, feeds and the admin. dev.py defaults it
# to where `make run` serves; production.py checks that ALLOWED_HOSTS lets it in.
BASE_URL = env.str("BASE_URL", default="http://127.0.0.1:8000").rstrip("/")
WAGTAILADMIN_BASE_URL = BASE_URL


def base_url_host(url):
    """The host of a BASE_URL as Django compares it with ALLOWED_HOSTS ("" if unusable).

    Split as Django splits a request's Host header, so that the answer is the one every
    request to that address will get: lower case, no port, IPv6 in brackets.
    """
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        return ""
    return split_domain_port(parts.netloc.rpartition("@")[2])[0]


INSTALLED_APPS = [
    "home",
    "campaigns",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.table_block",
    "wagtail.contrib.search_promotions",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail_localize",
    "wagtail_localize.locales",  # replaces wagtail.locales
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "django_tasks_db",
    "django_countries",  # country names in the reader's language
    "axes",  # admin sign-in lockout (home/signin/)
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "home.middleware.ControlCharactersMiddleware",
    # One reading of the view restrictions per request, before anything lists pages.
    "home.middleware.RestrictionsMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "home.middleware.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Admin sign-in (home/signin/): networks, idle sign-out, the second factor.
    "home.signin.middleware.AdminNetworkMiddleware",
    "home.signin.middleware.IdleSignOutMiddleware",
    "home.signin.middleware.TwoFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes asks: turns a lockout into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "settings.urls"
WSGI_APPLICATION = "settings.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        # Each feature package of the campaigns app keeps its own templates.
        "DIRS": sorted(BASE_DIR.glob("campaigns/*/templates")),
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# --- Data -------------------------------------------------------------------

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=60))
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The editor autosaves while the page's other requests run: take the write lock at
    # the start of each transaction and wait for it, rather than fail with "database is
    # locked" when two requests write at once.
    DATABASES["default"].setdefault("OPTIONS", {}).update(transaction_mode="IMMEDIATE", timeout=20)
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Wagtail's database search backend uses PostgreSQL's full-text search there.
    INSTALLED_APPS.append("django.contrib.postgres")

CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://")}
# django-environ files a `?key_prefix=` in CACHE_URL where Django does not look: set the
# prefix (for several sites sharing one Redis) on its own.
CACHES["default"]["KEY_PREFIX"] = env("CACHE_KEY_PREFIX", default="")

AUTH_USER_MODEL = "home.User"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "wagtailadmin_login"
# django-axes first: it refuses a locked-out account or client before the password is checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

# --- Languages --------------------------------------------------------------
# English is served at the root, translations under /ru/ and /kk/.

LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("ru", _("Russian")),
    ("kk", _("Kazakh")),
]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
LOCALE_PATHS = [BASE_DIR / "locale"]
# Dates and numbers per language (settings/formats/<code>/formats.py): “20 января 2021 г.”,
# “2021 ж. 20 қаңтар”. Counts are grouped with `intcomma`, not USE_THOUSAND_SEPARATOR,
# which would also group ids in URLs and attributes.
FORMAT_MODULE_PATH = ["settings.formats"]
# The admin speaks English or Russian, as each campaigner chooses in their account.
WAGTAILADMIN_PERMITTED_LANGUAGES = [("en", "English"), ("ru", "Русский")]
# Translations are made in the admin with wagtail-localize; a translated page is synced
# from its English source, and goes through the same review before it is published.
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False
TIME_ZONE = env.str("TIME_ZONE", default="UTC")
USE_I18N = True
USE_TZ = True

# --- Static files and media -------------------------------------------------

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
MEDIA_URL = env.str("MEDIA_URL", default="/media/")
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(BASE_DIR / "media")))
# Uploads go to MEDIA_ROOT, or to an S3-compatible bucket when MEDIA_S3_BUCKET is set
# (home/media.py; README "Media on S3"). Documents are always served through the site, which
# checks their collection's privacy, never by a redirect to the bucket.
STORAGES = {
    "default": media_storage(os.environ),
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# --- Email ------------------------------------------------------------------


def mailer_from_url(url):
    """Turn an EMAIL_URL (smtp+tls://user:pass@host:587) into a MAILERS entry."""
    parsed = environ.Env.email_url_config(url)
    options = {
        "host": parsed.get("EMAIL_HOST"),
        "port": parsed.get("EMAIL_PORT"),
        "username": parsed.get("EMAIL_HOST_USER"),
        "password": parsed.get("EMAIL_HOST_PASSWORD"),
        "use_tls": parsed.get("EMAIL_USE_TLS", False),
        "use_ssl": parsed.get("EMAIL_USE_SSL", False),
        "timeout": env.int("EMAIL_TIMEOUT", default=10),
    }
    backend = parsed["EMAIL_BACKEND"]
    if not backend.endswith("smtp.EmailBackend"):
        options = {}
        if parsed.get("EMAIL_FILE_PATH"):
            options["file_path"] = parsed["EMAIL_FILE_PATH"]
    return {"BACKEND": backend, "OPTIONS": {k: v for k, v in options.items() if v is not None}}


MAILERS = {"default": mailer_from_url(env.str("EMAIL_URL", default="consolemail://"))}
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="campaign@localhost")
SERVER_EMAIL = env.str("SERVER_EMAIL", default=DEFAULT_FROM_EMAIL)
EMAIL_SUBJECT_PREFIX = env.str("EMAIL_SUBJECT_PREFIX", default="[Campaign] ")

# --- Security ---------------------------------------------------------------
# Public pages load nothing from other hosts and run no inline script: a
# supporter's browser talks to this site only. The admin gets its own policy
# (home.middleware), because Wagtail's editor still needs inline styles.

# Images may also come from the media bucket or its CDN (MEDIA_S3_*, home/media.py).
MEDIA_ORIGINS = media_origins(os.environ)
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:", *MEDIA_ORIGINS, *env.list("CSP_EXTRA_IMG_SRC", default=[])],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "font-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}
ADMIN_CSP = {
    "default-src": [CSP.SELF],
    "img-src": [
        CSP.SELF,
        "data:",
        "blob:",
        *MEDIA_ORIGINS,
        *env.list("CSP_EXTRA_IMG_SRC", default=[]),
    ],
    "script-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "style-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "frame-src": [CSP.SELF],
    "frame-ancestors": [CSP.SELF],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}
# Browser features no page of the site uses are switched off for it and anything it frames.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "publickey-credentials-get",
        "usb",
        "browsing-topics",
    )
)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"

# --- Wagtail ----------------------------------------------------------------

WAGTAIL_SITE_NAME = env.str("SITE_NAME", default="Free Kazakhstan's Political Prisoners")
WAGTAILIMAGES_IMAGE_MODEL = "home.CustomImage"
# Refuses a picture that cannot be read to its end (home/image_forms.py).
WAGTAILIMAGES_IMAGE_FORM_BASE = "home.image_forms.ImageForm"
WAGTAILSEARCH_BACKENDS = {
    # The database backend uses PostgreSQL full-text search on PostgreSQL (each language
    # with its own configuration: `russian` for Russian, `simple` for Kazakh, see
    # home/search_backend.py) and SQLite's FTS5 on SQLite: no extra service to run.
    "default": {"BACKEND": "home.search_backend"},
}
WAGTAILEMBEDS_RESPONSIVE_HTML = True
# The edge cache (Varnish, deploy/varnish/; campaigns.edge): FRONTEND_CACHE_URLS lists each
# cache's own address, e.g. http://10.0.0.9:6081,http://10.0.0.10:6081; every publish,
# comment decision and snippet edit purges what shows it there. Empty: nothing is purged.
WAGTAILFRONTENDCACHE = {
    f"edge{index}": {"BACKEND": "campaigns.edge.backends.VarnishBackend", "LOCATION": url}
    for index, url in enumerate(env.list("FRONTEND_CACHE_URLS", default=[]))
}
# campaigns.edge lists every translation's own URL: no language rewriting of them.
WAGTAILFRONTENDCACHE_LANGUAGES = []
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "rtf", "txt", "xlsx"]
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp", "avif"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_USAGE_COUNT_ENABLED = True
WAGTAILADMIN_COMMENTS_ENABLED = True
# Pages under a review workflow go live only through its final approval (home/review.py).
WAGTAIL_FINISH_WORKFLOW_ACTION = "home.publishing.publish_approved"

# Public pages are cached by shared caches (CDN / Varnish) for this long.
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=300)

# --- Logging ----------------------------------------------------------------
# Request logs carry no query strings or client addresses: supporters' data
# never reaches a log line.

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "filters": {
        # Django logs each template variable it cannot find at DEBUG with the whole context
        # (what a supporter typed, the token of the link they opened): such lines are
        # dropped whatever the level, so LOG_LEVEL=DEBUG shows no supporter data either.
        "no_debug": {
            "()": "django.utils.log.CallbackFilter",
            "callback": lambda record: record.levelname != "DEBUG",
        },
        # The paths of emailed links hold their signed token (settings/request_logging.py).
        "without_tokens": {"()": "settings.request_logging.WithoutTokens"},
    },
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.server": {"level": "WARNING"},
        "django.utils.autoreload": {"level": "WARNING"},
        "django_tasks": {"level": "WARNING"},
        "django.tasks": {"level": "WARNING"},
        "wagtail": {"level": "WARNING"},
        "django.security.DisallowedHost": {"level": "ERROR"},
        "django.template": {"filters": ["no_debug"]},
        "django.request": {"filters": ["without_tokens"]},
        "django.security.csrf": {"filters": ["without_tokens"]},
    },
}

# --- Public forms -----------------------------------------------------------

# How many proxies (load balancer, cache) sit in front of the app servers and
# append to X-Forwarded-For; rate limits use the address the first one saw.
TRUSTED_PROXIES = env.int("TRUSTED_PROXIES", default=0)
# The largest body a public form (comment, follow, signature, letter, contact) takes, in
# bytes, refused before it is read. A contact form's longest answers, in Cyrillic and
# percent-encoded, take some 30 KB each: this leaves room for several.
PUBLIC_POST_MAX_BYTES = env.int("PUBLIC_POST_MAX_BYTES", default=256 * 1024)

# --- Comments ---------------------------------------------------------------

# Comments wait for a moderator unless this is on; comments with many links always wait.
COMMENTS_AUTO_APPROVE = env.bool("COMMENTS_AUTO_APPROVE", default=False)
COMMENTS_PER_CLIENT = env.int("COMMENTS_PER_CLIENT", default=5)
COMMENTS_RATE_WINDOW = env.int("COMMENTS_RATE_WINDOW", default=600)

# --- Background tasks -------------------------------------------------------
# Wagtail 8 runs its own small tasks (search and reference index updates)
# through the django_tasks backport on "default", in the request. Our email goes
# through Django's tasks API to "email": a database queue that survives
# restarts, worked by `manage.py email_worker` (db_worker that survives database outages).

TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "email": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["email"]},
}

# --- Contact form and email delivery ----------------------------------------
# Contact messages accepted per client (salted IP hash) per window, in seconds.
CONTACT_PER_CLIENT = env.int("CONTACT_PER_CLIENT", default=5)
CONTACT_RATE_WINDOW = env.int("CONTACT_RATE_WINDOW", default=3600)
# An email the mail server will not take is tried again after EMAIL_RETRY_DELAY seconds,
# then twice, four times... as long, and marked failed (for an admin to retry) after
# EMAIL_MAX_ATTEMPTS tries: with the defaults, over about an hour.
EMAIL_MAX_ATTEMPTS = env.int("EMAIL_MAX_ATTEMPTS", default=6)
EMAIL_RETRY_DELAY = env.int("EMAIL_RETRY_DELAY", default=120)

# --- Retention ----------------------------------------------------------------
# Supporters' data (contact messages, sent emails, commenters' addresses, refused
# comments) is removed after this many days by `manage.py purge_supporter_data`.
SUPPORTER_DATA_RETENTION_DAYS = env.int("SUPPORTER_DATA_RETENTION_DAYS", default=90)

# --- Following a case by email (issue 5) -------------------------------------
# A confirmation link works for this many seconds (default 7 days).
FOLLOW_CONFIRM_MAX_AGE = env.int("FOLLOW_CONFIRM_MAX_AGE", default=7 * 24 * 3600)
# At most one confirmation email per address and case in this many seconds.
FOLLOW_CONFIRM_RESEND = env.int("FOLLOW_CONFIRM_RESEND", default=24 * 3600)
# Follow requests accepted per client (salted IP hash) per window, in seconds.
FOLLOW_PER_CLIENT = env.int("FOLLOW_PER_CLIENT", default=10)
FOLLOW_RATE_WINDOW = env.int("FOLLOW_RATE_WINDOW", default=3600)

# --- Petitions and letters (issue 6) -----------------------------------------
# A signature's confirmation link works for this many seconds (default 7 days).
SIGNATURE_CONFIRM_MAX_AGE = env.int("SIGNATURE_CONFIRM_MAX_AGE", default=7 * 24 * 3600)
# At most one email per address and petition in this many seconds (a new link, or the
# note that the signature already counts).
SIGNATURE_CONFIRM_RESEND = env.int("SIGNATURE_CONFIRM_RESEND", default=15 * 60)
# Signatures and "I sent a letter" reports accepted per client (salted IP hash) per
# window, in seconds. Many people share one address (offices, mobile carriers): a
# viral petition needs a generous limit; double opt-in protects the count itself.
SIGN_PER_CLIENT = env.int("SIGN_PER_CLIENT", default=30)
SIGN_RATE_WINDOW = env.int("SIGN_RATE_WINDOW", default=3600)
LETTERS_PER_CLIENT = env.int("LETTERS_PER_CLIENT", default=10)
LETTERS_RATE_WINDOW = env.int("LETTERS_RATE_WINDOW", default=3600)

# --- The campaigners' admin (issue 7) ----------------------------------------
# A live case whose facts nobody has checked for this many days (or ever) is listed on
# the dashboard as "to re-check", and its "last verified" date is highlighted in listings.
CASE_VERIFY_AFTER_DAYS = env.int("CASE_VERIFY_AFTER_DAYS", default=180)

# --- Hold under attack and faults (issue 14) ------------------------------------------------
# Each part keeps its settings in its own block below.

# [admin sign-in: lockout, two-factor, sessions, networks]
# How people sign in to /admin/ (home/signin/): a lockout after repeated failures
# (django-axes), a second factor (TOTP codes or recovery codes), sign-out after idle time,
# and optionally only from given networks. README, "Signing in to the admin".

# The 5th wrong password (or two-factor code) within ADMIN_LOCKOUT_MINUTES locks the account
# name, and separately the client, for ADMIN_LOCKOUT_MINUTES after the last failure: while
# locked, even the right password is refused. An administrator can unlock it at once
# (Settings → Locked sign-ins, or `manage.py axes_reset_username NAME`).
ADMIN_LOCKOUT_FAILURES = env.int("ADMIN_LOCKOUT_FAILURES", default=5)
ADMIN_LOCKOUT_MINUTES = env.int("ADMIN_LOCKOUT_MINUTES", default=15)
AXES_FAILURE_LIMIT = ADMIN_LOCKOUT_FAILURES
AXES_COOLOFF_TIME = ADMIN_LOCKOUT_MINUTES / 60  # axes reads a float as hours
# Two separate counts: one per account name, one per client.
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
# A success does not wipe the count: a stolen password would otherwise buy fresh guesses at
# the two-factor code. Passing the second factor does (home/signin/views.py).
AXES_RESET_ON_SUCCESS = False
# The lockout page (the sign-in page saying for how long, and who can unlock it).
AXES_LOCKOUT_CALLABLE = "home.signin.lockout.lockout_response"
# Counted in the database, not the cache: the lockout holds while the cache is down.
# The handler keeps no user agent or Accept header; the "client" is a keyed hash of its
# address shaped as an IPv6 documentation address (home.signin.lockout.client_key).
AXES_HANDLER = "home.signin.lockout.PrivateDatabaseHandler"
AXES_CLIENT_IP_CALLABLE = "home.signin.lockout.client_key"
# No log of successful sign-ins or failures beyond the counts above, no Django admin for
# them, no client details in log lines, and no form field stored as typed.
AXES_DISABLE_ACCESS_LOG = True
AXES_ENABLE_ACCESS_FAILURE_LOG = False
AXES_ENABLE_ADMIN = False
AXES_VERBOSE = False
AXES_SENSITIVE_PARAMETERS = ["username", "ip_address", "password", "code"]

# Members of these groups, and superusers (who can do everything they can), must sign in
# with a second factor; anyone else may choose to. Off: nobody is made to enrol, but whoever
# has enrolled still gives a code at each sign-in.
ADMIN_2FA_REQUIRED = env.bool("ADMIN_2FA_REQUIRED", default=True)
ADMIN_2FA_REQUIRED_GROUPS = env.list(
    "ADMIN_2FA_REQUIRED_GROUPS", default=["Editors", "Supporter data"]
)
# The issuer an authenticator app shows beside the account name.
ADMIN_2FA_ISSUER = env.str("ADMIN_2FA_ISSUER", default=WAGTAIL_SITE_NAME)

# A signed-in person who does nothing in the admin for this long is signed out.
ADMIN_SESSION_IDLE_MINUTES = env.int("ADMIN_SESSION_IDLE_MINUTES", default=30)

# Networks (CIDR, IPv4 or IPv6) /admin/ answers from, seen through TRUSTED_PROXIES; empty:
# from anywhere. From elsewhere /admin/ is "page not found", like any unknown address.
ADMIN_ALLOWED_NETWORKS = env.list("ADMIN_ALLOWED_NETWORKS", default=[])

# [cache, rate limits and health]
# Losing Redis costs no page (home/cache_backend.py): a cache command waits at most
# CACHE_SOCKET_TIMEOUT seconds and is never retried; what fails is skipped, logged once per
# outage, and the server is left alone for CACHE_DOWN_PAUSE seconds before the next try.
# Options in CACHE_URL (`?socket_timeout=1`) win over these.
CACHE_SOCKET_TIMEOUT = env.float("CACHE_SOCKET_TIMEOUT", default=0.25)
CACHE_DOWN_PAUSE = env.float("CACHE_DOWN_PAUSE", default=5.0)
REDIS_CACHE_OPTIONS = {
    "socket_timeout": CACHE_SOCKET_TIMEOUT,
    "socket_connect_timeout": CACHE_SOCKET_TIMEOUT,
    "down_pause": CACHE_DOWN_PAUSE,
}
if CACHES["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache":
    CACHES["default"]["BACKEND"] = "home.cache_backend.DegradingRedisCache"
    CACHES["default"]["OPTIONS"] = {**REDIS_CACHE_OPTIONS, **CACHES["default"].get("OPTIONS", {})}
# Wagtail finds a page's renditions in a cache of its own, kept for a month
# (RENDITIONS_CACHE_TIMEOUT): RENDITIONS_CACHE_URL, else the default's Redis under the key
# prefix "renditions", else memory (home/media.py). It degrades as the default does.
CACHES["renditions"] = renditions_cache(os.environ, CACHES["default"], REDIS_CACHE_OPTIONS)
# The secret of the client hashes that rate limits count by (home.abuse.client_hash): not
# SECRET_KEY, so that rotating one leaves the other alone. production.py requires a random
# one of 32 characters or more; this fixed value is for development and tests only.
CLIENT_HASH_KEY = env.str(
    "CLIENT_HASH_KEY", default="development-only-client-hash-key-not-for-production"
)
# Readiness (/healthz/ready/, home/health.py): the database must answer within
# HEALTH_DATABASE_TIMEOUT seconds; the email queue is stuck (the site "degraded", and the
# admin warns) when an email has waited over EMAIL_QUEUE_STUCK_AFTER seconds to be sent.
HEALTH_DATABASE_TIMEOUT = env.float("HEALTH_DATABASE_TIMEOUT", default=2.0)
EMAIL_QUEUE_STUCK_AFTER = env.int("EMAIL_QUEUE_STUCK_AFTER", default=900)

# [database, email worker and timeouts]
# A database that stops answering costs seconds, not minutes: requests fail with an error
# page and the email worker (`manage.py email_worker`, campaigns/outbox/worker.py) waits and
# reconnects. PostgreSQL only: SQLite is a local file with its lock timeout above. Options
# given in DATABASE_URL (`?connect_timeout=10`) win over these. The SMTP timeout is
# EMAIL_TIMEOUT (mailer_from_url above).

# Seconds to wait for a new database connection before giving up.
DATABASE_CONNECT_TIMEOUT = env.int("DATABASE_CONNECT_TIMEOUT", default=5)
# Seconds one SQL statement may run, waiting for a lock included, before PostgreSQL cancels
# it (0: no limit). Long one-off commands run with more in their environment:
# `DATABASE_STATEMENT_TIMEOUT=0 manage.py migrate`, and so do the deploy/ units of backups
# and purges.
DATABASE_STATEMENT_TIMEOUT = env.int("DATABASE_STATEMENT_TIMEOUT", default=15)
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    _options = DATABASES["default"].setdefault("OPTIONS", {})
    _options.setdefault("connect_timeout", DATABASE_CONNECT_TIMEOUT)
    # A server that vanished from the network sends no reset: TCP keepalives (probes after 5 s
    # of silence, every 2 s) and a 15 s limit on unacknowledged data give the connection up
    # within about 15 s, not the kernel's two hours.
    for _option, _value in {
        "keepalives": 1,
        "keepalives_idle": 5,
        "keepalives_interval": 2,
        "keepalives_count": 3,
        "tcp_user_timeout": 15_000,  # milliseconds
    }.items():
        _options.setdefault(_option, _value)
    # First, so that a statement_timeout in DATABASE_URL's own `options` wins.
    _options["options"] = (
        f"-c statement_timeout={DATABASE_STATEMENT_TIMEOUT}s {_options.get('options', '')}"
    ).strip()

# [input, privacy and follow links]

# A follower's "manage" and "unsubscribe" links work for this many seconds (default 60
# days). Every notice carries fresh ones, so only an old email's links expire; an expired
# link offers to email a fresh one to the address typed in (campaigns/follows/views.py).
FOLLOW_LINK_MAX_AGE = env.int("FOLLOW_LINK_MAX_AGE", default=60 * 24 * 3600)
# At most one fresh "manage" link per address in this many seconds, however many ask.
FOLLOW_LINK_RESEND = env.int("FOLLOW_LINK_RESEND", default=15 * 60)

# --- Campaign news (issue 15, campaigns/news) ----------------------------------
# A confirmation link works for this many seconds (default 7 days); unconfirmed
# subscriptions are purged after it. At most one confirmation per NEWS_CONFIRM_RESEND seconds.
NEWS_CONFIRM_MAX_AGE = env.int("NEWS_CONFIRM_MAX_AGE", default=7 * 24 * 3600)
NEWS_CONFIRM_RESEND = env.int("NEWS_CONFIRM_RESEND", default=15 * 60)
# Newsletter sign-ups accepted per client (salted IP hash) per window, in seconds.
NEWS_PER_CLIENT = env.int("NEWS_PER_CLIENT", default=10)
NEWS_RATE_WINDOW = env.int("NEWS_RATE_WINDOW", default=3600)
# Subscribers queued per task of the email worker, and failed deliveries after which a
# subscriber is marked bouncing and sent nothing more.
NEWS_BATCH_SIZE = env.int("NEWS_BATCH_SIZE", default=200)
NEWS_BOUNCE_LIMIT = env.int("NEWS_BOUNCE_LIMIT", default=3)
# The mailto: address of List-Unsubscribe (read by a person); empty leaves it out.
NEWS_UNSUBSCRIBE_MAILTO = env.str("NEWS_UNSUBSCRIBE_MAILTO", default=DEFAULT_FROM_EMAIL)

# --- Open data (issue 15): signed files and dated snapshots -----------------------------
# The files of /open-data/ (and /cases/export.csv, .json) are signed with Ed25519. The key:
# the base64 of a 32-byte seed, or the absolute path of a PEM private key; make one with
#   python -c 'import base64, os; print(base64.b64encode(os.urandom(32)).decode())'
# or `openssl genpkey -algorithm ed25519 -out /etc/campaigns/open-data-key.pem`.
# Production refuses to start without it unless OPEN_DATA_SIGNING=false (files then
# unsigned, with checksums only). Unset elsewhere, the published demo key of
# campaigns/opendata/signing.py signs (not secret: its signatures prove nothing).
OPEN_DATA_SIGNING = env.bool("OPEN_DATA_SIGNING", default=True)
OPEN_DATA_SIGNING_KEY = env.str("OPEN_DATA_SIGNING_KEY", default="")
# `manage.py opendata_snapshot --prune` keeps every snapshot of the last OPEN_DATA_KEEP_DAYS
# days, the first of each month before that and the latest file of each dataset; 0 keeps all.
OPEN_DATA_KEEP_DAYS = env.int("OPEN_DATA_KEEP_DAYS", default=365)
