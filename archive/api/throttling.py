from rest_framework.settings import api_settings
from rest_framework.throttling import AnonRateThrottle

from archive.caching.generation import read_with_generation


class AnonymousRateThrottle(AnonRateThrottle):
    """DRF's per-address throttle, exactly, with two changes.

    It reads its rate from the settings on every request: DRF's own class reads it once at
    import, so a changed setting (``API_ANON_RATE`` in the environment, or a test's override)
    would otherwise go unnoticed. And it reads the address's history in the same cache round
    trip as the content generation, which every answer of the API needs next."""

    def get_rate(self):
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)

    def allow_request(self, request, view):
        # DRF's SimpleRateThrottle.allow_request(), but for the one read.
        if self.rate is None:
            return True
        self.key = self.get_cache_key(request, view)
        if self.key is None:
            return True
        self.history = read_with_generation(request._request, [self.key]).get(self.key, [])
        self.now = self.timer()
        while self.history and self.history[-1] <= self.now - self.duration:
            self.history.pop()
        if len(self.history) >= self.num_requests:
            return self.throttle_failure()
        return self.throttle_success()
