"""API tokens: ``POST /api/v1/auth/token/`` trades a username and password for a token.

Tokens are django-rest-knox tokens: the database keeps only a hash, each token expires
(``WORKBENCH_TOKEN_TTL_HOURS``) and ``auth/logout/`` or ``auth/logout-all/`` revoke them, as
does any change of the user's password (``RevokeTokensOnPasswordChange``). A username locked
out by django-axes gets 429 with ``Retry-After``, like any other throttled request.
"""

from typing import Any

from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_cool_off
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, inline_serializer
from knox import views as knox_views
from knox.models import get_token_model
from rest_framework import exceptions, serializers
from rest_framework.authtoken.serializers import AuthTokenSerializer
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response

from workbench.common.throttling import TokenRateThrottle


@extend_schema(
    request=AuthTokenSerializer,
    responses=inline_serializer(
        "TokenResponse",
        {"token": serializers.CharField(), "expiry": serializers.DateTimeField()},
    ),
)
class ObtainTokenView(knox_views.LoginView):
    """Exchange credentials for an API token (sent as ``Authorization: Token <token>``)."""

    authentication_classes = []
    permission_classes = [AllowAny]
    throttle_classes = [TokenRateThrottle]
    serializer_class = AuthTokenSerializer

    def post(self, request: Request, format: str | None = None) -> Response:
        serializer = AuthTokenSerializer(data=request.data, context={"request": request})
        if not serializer.is_valid():
            username = request.data.get("username") if hasattr(request.data, "get") else None
            if isinstance(username, str) and not AxesProxyHandler.is_allowed(
                request, {"username": username}
            ):
                cool_off = get_cool_off(request)
                raise exceptions.Throttled(
                    wait=cool_off.total_seconds() if cool_off else None,
                    detail=_("Too many failed logins for this account; try again later."),
                )
            raise exceptions.ValidationError(serializer.errors)
        request.user = serializer.validated_data["user"]
        return super().post(request, format=format)


@extend_schema(request=None, responses={204: None})
class LogoutView(knox_views.LogoutView):
    """Revoke the token this request is authenticated with."""


@extend_schema(request=None, responses={204: None})
class LogoutAllView(knox_views.LogoutAllView):
    """Revoke every token of the requesting user."""


class RevokeTokensOnPasswordChange:
    """A password "validator" that accepts every password and, through Django's
    ``password_changed`` hook (called whenever a changed password is saved: the admin, the
    ``changepassword`` command, a password reset), revokes all the user's API tokens."""

    def validate(self, password: str, user: Any = None) -> None:
        return None

    def password_changed(self, password: str, user: Any = None) -> None:
        if user is not None and user.pk is not None:
            get_token_model().objects.filter(user=user).delete()

    def get_help_text(self) -> str:
        return _("Changing the password revokes every API token of the account.")
