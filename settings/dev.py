"""Local development: `make run`. Never use these settings on a public server."""

import os
from urllib.parse import urlsplit

from django.http.request import validate_host

# A fixed key is fine on a laptop; base.py refuses to start without one.
os.environ.setdefault("SECRET_KEY", "dev-only-key-" + "x" * 40 + "-not-for-production")
os.environ.setdefault("DEBUG", "true")

from .base import *  # noqa: E402

# The address the site gives in every link it sends (emails, feeds, share links, the
# sitemap, the admin) is where `make run` serves: it passes HOST and PORT on. BASE_URL, in
# the environment or .env (read by base.py by now), overrides it, e.g. behind a tunnel.
SERVE_HOST = env.str("HOST", default="127.0.0.1").strip("[]")
SERVE_PORT = env.int("PORT", default=8000)
if SERVE_HOST in ("0.0.0.0", "::"):  # noqa: S104 - listening everywhere: link to this machine
    SERVE_HOST = "127.0.0.1"
if ":" in SERVE_HOST:
    SERVE_HOST = f"[{SERVE_HOST}]"
WAGTAILADMIN_BASE_URL = BASE_URL = env.str(
    "BASE_URL", default=f"http://{SERVE_HOST}:{SERVE_PORT}"
).rstrip("/")

# The development server answers to its own address, whatever that is.
ALLOWED_HOSTS = ALLOWED_HOSTS or ["127.0.0.1", "localhost", "[::1]"]
if base_url_host(BASE_URL) and not validate_host(base_url_host(BASE_URL), ALLOWED_HOSTS):
    ALLOWED_HOSTS.append(base_url_host(BASE_URL))
# Forms posted through a tunnel or proxy (https outside, http here) come from BASE_URL.
if BASE_URL.startswith("https://"):
    CSRF_TRUSTED_ORIGINS = [*CSRF_TRUSTED_ORIGINS, f"https://{urlsplit(BASE_URL).netloc}"]

# Every email is written decoded to var/mail/, with its links whole, and summarised on the
# console (the console backend prints quoted-printable, where long links break), unless
# EMAIL_URL names a mail server. The admin's "Outgoing email" shows each one as well.
MAIL_DIR = BASE_DIR / "var" / "mail"
if not env.str("EMAIL_URL", default=""):
    MAILERS = {
        "default": {
            "BACKEND": "home.mail.DevelopmentEmailBackend",
            "OPTIONS": {"directory": str(MAIL_DIR)},
        }
    }

# Django's runserver serves static files from the apps; no manifest needed.
STORAGES["staticfiles"] = {
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage",
}
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=0)

# WhiteNoise serves collected files in production; here the static finders do.
MIDDLEWARE = [m for m in MIDDLEWARE if m != "whitenoise.middleware.WhiteNoiseMiddleware"]
