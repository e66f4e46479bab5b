from rest_framework.settings import api_settings
from rest_framework.throttling import AnonRateThrottle

from archive.caching.limits import limits_cache


class AnonymousRateThrottle(AnonRateThrottle):
    """DRF's per-address throttle, exactly, with two changes.

    It reads its rate from the settings on every request: DRF's own class reads it once at
    import, so a changed setting (``API_ANON_RATE`` in the environment, or a test's override)
    would otherwise go unnoticed. And it counts in the ``limits`` cache, which every worker
    shares (Redis, or the database without it; see settings), never in one worker's memory."""

    @property
    def cache(self):
        return limits_cache()

    def get_rate(self):
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)
