"""Local development: `make run`. Never use these settings on a public server."""

import os

# A fixed key is fine on a laptop; base.py refuses to start without one.
os.environ.setdefault("SECRET_KEY", "dev-only-key-" + "x" * 40 + "-not-for-production")
os.environ.setdefault("DEBUG", "true")
os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")

from .base import *  # noqa: E402

# Django's runserver serves static files from the apps; no manifest needed.
STORAGES["staticfiles"] = {
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage",
}
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=0)

# WhiteNoise serves collected files in production; here the static finders do.
MIDDLEWARE = [m for m in MIDDLEWARE if m != "whitenoise.middleware.WhiteNoiseMiddleware"]
