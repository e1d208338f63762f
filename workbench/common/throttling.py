"""DRF throttles whose rates are read from settings on every request.

DRF's own classes copy ``DEFAULT_THROTTLE_RATES`` once, when they are imported; reading the
rate per request lets a changed setting (a test, a reload) take effect. Rates come from
``REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]``, filled from the environment in settings.py.
"""

from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext as _
from rest_framework import throttling
from rest_framework.settings import api_settings


class RateFromSettings:
    """Mixin: the rate of ``scope`` in the current ``DEFAULT_THROTTLE_RATES``."""

    scope: str

    def get_rate(self) -> str | None:
        try:
            return api_settings.DEFAULT_THROTTLE_RATES[self.scope]
        except KeyError:
            raise ImproperlyConfigured(
                _("No throttle rate is set for scope %(scope)s.") % {"scope": self.scope}
            ) from None


class AnonRateThrottle(RateFromSettings, throttling.AnonRateThrottle):
    """Requests without a logged-in user, per client address (scope ``anon``)."""


class UserRateThrottle(RateFromSettings, throttling.UserRateThrottle):
    """Requests of each logged-in user (scope ``user``)."""


class TokenRateThrottle(RateFromSettings, throttling.AnonRateThrottle):
    """Attempts to obtain a token, per client address (scope ``token``)."""

    scope = "token"
