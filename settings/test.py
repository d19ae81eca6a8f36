"""Settings for the pytest suite (`make test`)."""

import atexit
import os
import shutil
import tempfile

os.environ.setdefault("SECRET_KEY", "test-only-key-" + "y" * 40 + "-not-for-production")
os.environ["DEBUG"] = "false"
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")

from .base import *  # noqa: E402

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES["staticfiles"] = {
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage",
}
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
# One per test process (each pytest-xdist worker has its own), removed when it ends.
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="campaigns-test-media-"))
atexit.register(shutil.rmtree, MEDIA_ROOT, ignore_errors=True)
WAGTAILADMIN_BASE_URL = BASE_URL = "http://testserver"

# A file, not memory, so `--reuse-db` keeps the migrated test database between runs.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["TEST"] = {
        "NAME": env.str("TEST_DATABASE_FILE", default=str(BASE_DIR / ".test-db.sqlite3"))
    }

# WhiteNoise serves collected files in production; here the static finders do.
MIDDLEWARE = [m for m in MIDDLEWARE if m != "whitenoise.middleware.WhiteNoiseMiddleware"]

# Django's test client signs in (`client.login()`) without a request, which django-axes'
# backend refuses; and the suite's people sign in with `force_login`, which gives no second
# factor. tests/signin/ puts both back, as in production, to prove the admin sign-in.
AUTHENTICATION_BACKENDS = [b for b in AUTHENTICATION_BACKENDS if not b.startswith("axes.")]
ADMIN_2FA_REQUIRED = False
