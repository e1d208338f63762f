"""The request rate limit of the export endpoints (``WORKBENCH_EXPORT_RATE``)."""

from typing import Any

from rest_framework.settings import api_settings
from rest_framework.throttling import ScopedRateThrottle, SimpleRateThrottle


class ExportRateThrottle(ScopedRateThrottle):
    """``ScopedRateThrottle`` that reads its rate when a request comes in.

    DRF's class copies the rates when it is imported; reading them per request keeps the
    rate in ``REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]["export"]`` the one that applies.
    """

    def get_rate(self) -> str | None:
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)


class AdminExportRateThrottle(ExportRateThrottle):
    """The same per-user count for the admin's export actions, which have no API view."""

    def allow_request(self, request: Any, view: Any) -> bool:
        self.scope = "export"
        self.rate = self.get_rate()
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return SimpleRateThrottle.allow_request(self, request, view)
