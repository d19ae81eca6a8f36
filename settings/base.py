"""Settings shared by every environment: safe to run in production as they are.

Everything that differs between machines comes from the environment (or an
optional `.env` file beside manage.py); see `.env.example`. `dev.py` and
`test.py` relax these defaults, `production.py` tightens them further.
"""

from pathlib import Path
from urllib.parse import urlsplit

import environ
from django.core.exceptions import ImproperlyConfigured
from django.http.request import split_domain_port
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

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
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "home.middleware.ControlCharactersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "home.middleware.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
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
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
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

SECURE_CSP = {
    "default-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:", *env.list("CSP_EXTRA_IMG_SRC", default=[])],
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
    "img-src": [CSP.SELF, "data:", "blob:", *env.list("CSP_EXTRA_IMG_SRC", default=[])],
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
WAGTAILSEARCH_BACKENDS = {
    # The database backend uses PostgreSQL full-text search on PostgreSQL (each language
    # with its own configuration: `russian` for Russian, `simple` for Kazakh, see
    # home/search_backend.py) and SQLite's FTS5 on SQLite: no extra service to run.
    "default": {"BACKEND": "home.search_backend"},
}
WAGTAILEMBEDS_RESPONSIVE_HTML = True
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
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.server": {"level": "WARNING"},
        "django.utils.autoreload": {"level": "WARNING"},
        "django_tasks": {"level": "WARNING"},
        "django.tasks": {"level": "WARNING"},
        "wagtail": {"level": "WARNING"},
        "django.security.DisallowedHost": {"level": "ERROR"},
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
# restarts, worked by `manage.py db_worker --backend email --queue-name email`.

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

# [cache, rate limits and health]

# [database, email worker and timeouts]

# [input, privacy and follow links]
