"""The request rate limit of the export endpoints (``WORKBENCH_EXPORT_RATE``)."""

from rest_framework.settings import api_settings
from rest_framework.throttling import ScopedRateThrottle


class ExportRateThrottle(ScopedRateThrottle):
    """``ScopedRateThrottle`` that reads its rate when a request comes in.

    DRF's class copies the rates when it is imported; reading them per request keeps the
    rate in ``REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]["export"]`` the one that applies.
    """

    def get_rate(self) -> str | None:
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)
