"""DRF throttles whose rates are read from settings on every request, counted per client
address as ``workbench.common.clients`` tells it (the same address the login lockout uses).

DRF's own classes copy ``DEFAULT_THROTTLE_RATES`` once, when they are imported; reading the
rate per request lets a changed setting (a test, a reload) take effect. Rates come from
``REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]``, filled from the environment in settings.py.
Anonymous requests that authentication refuses count against the ``anon`` rate too
(``refused_anonymous``), and the browser login has a rate of its own (``login``).
"""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from rest_framework import exceptions, throttling
from rest_framework.settings import api_settings

from workbench.common.clients import client_address


class RateFromSettings:
    """Mixin: the rate of ``scope`` in the current ``DEFAULT_THROTTLE_RATES``; clients are
    told apart by ``client_address``."""

    scope: str

    def get_ident(self, request: Any) -> str:
        return client_address(request)

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


class LoginRateThrottle(RateFromSettings, throttling.AnonRateThrottle):
    """Login form posts (browser and admin), per client address (scope ``login``)."""

    scope = "login"

    def get_cache_key(self, request: Any, view: Any) -> str:
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


def refused_anonymous(exc: Exception, request: Any, view: Any) -> exceptions.Throttled | Exception:
    """Count a request that authentication refused against the ``anon`` rate; past it, the
    answer is 429 instead of 401 (DRF checks permissions before throttles, so without this the
    anonymous throttle would never fire)."""
    if request is None or not isinstance(
        exc, exceptions.NotAuthenticated | exceptions.AuthenticationFailed
    ):
        return exc
    throttle = AnonRateThrottle()
    if throttle.allow_request(request, view):
        return exc
    return exceptions.Throttled(wait=throttle.wait())


def login_rate_limited(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Wrap a login view: past the ``login`` rate a form post gets 429 without being checked."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.method == "POST":
            throttle = LoginRateThrottle()
            if not throttle.allow_request(request, None):
                wait = max(1, int(throttle.wait() or 1))
                response = render(
                    request, "registration/login_throttled.html", {"wait": wait}, status=429
                )
                response["Retry-After"] = str(wait)
                return response
        return view(request, *args, **kwargs)

    return wrapped
