"""Production settings for processes the benchmarks and the fault tests start themselves.

Everything is production's (DEBUG off, a real SECRET_KEY from the environment, the cache from
REDIS_URL), except two things a throwaway server needs: static files are referenced unhashed, so
no ``collectstatic`` manifest is required, and the URLconf adds the "hello" views the benchmark
uses as its upper limit. Never used to serve the real site."""

from memorial.settings.production import *  # noqa: F403

STORAGES = {  # noqa: F405
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
ROOT_URLCONF = "bench.urls"
