"""Tests: fast hashing, no throttling surprises. With ``REDIS_URL`` set, the caches are Redis, as
in production (give the tests a Redis database number of their own: every test empties it);
without it, each test process's memory."""

from .base import *  # noqa: F403
from .base import REDIS_URL

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MEDIA_ROOT = BASE_DIR / "var" / "test-media"  # noqa: F405
if not REDIS_URL:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "limits": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "limits",
        },
    }
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Off by default so tests that count queries see every request reach the view; the caching tests
# turn it on.
ANONYMOUS_CACHE_SECONDS = 0
