"""Tests: fast hashing, local-memory cache, no throttling surprises."""

from .base import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MEDIA_ROOT = BASE_DIR / "var" / "test-media"  # noqa: F405
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Off by default so tests that count queries see every request reach the view; the caching tests
# turn it on.
ANONYMOUS_CACHE_SECONDS = 0
