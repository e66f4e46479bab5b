"""Tests: fast hashing, no throttling surprises. With ``REDIS_URL`` set, the caches are Redis, as
in production (give the tests a Redis database number of their own: every test empties it);
without it, each test process's memory."""

import os

from .base import *  # noqa: F403
from .base import REDIS_URL

# pytest-xdist runs the suite in several processes, and every test empties its caches: with Redis,
# each process gets a database number of its own, counted up from the one in REDIS_URL.
_worker = os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw")
if REDIS_URL and _worker != "0":
    _base, _, _number = REDIS_URL.rpartition("/")
    for _cache in CACHES.values():  # noqa: F405
        _cache["LOCATION"] = f"{_base}/{int(_number or 0) + int(_worker)}"

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MEDIA_ROOT = BASE_DIR / "var" / "test-media" / f"gw{_worker}"  # noqa: F405
SEALED_MEDIA_ROOT = BASE_DIR / "var" / "test-sealed-media" / f"gw{_worker}"  # noqa: F405
CONTRIBUTIONS_ROOT = BASE_DIR / "var" / "test-contributions" / f"gw{_worker}"  # noqa: F405
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
