from rest_framework.settings import api_settings
from rest_framework.throttling import AnonRateThrottle


class AnonymousRateThrottle(AnonRateThrottle):
    """DRF's per-address throttle, reading its rate from the settings on every request.

    DRF's own class reads the rate once at import, so a changed setting (``API_ANON_RATE`` in
    the environment, or a test's override) would otherwise go unnoticed."""

    def get_rate(self):
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)
