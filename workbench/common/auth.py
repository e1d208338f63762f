"""API tokens: ``POST /api/v1/auth/token/`` trades a username and password for a token.

Tokens are django-rest-knox tokens: the database keeps only a hash, each token expires
(``WORKBENCH_TOKEN_TTL_HOURS``) and ``auth/logout/`` or ``auth/logout-all/`` revoke them.
"""

from drf_spectacular.utils import extend_schema, inline_serializer
from knox import views as knox_views
from rest_framework import serializers
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
        serializer.is_valid(raise_exception=True)
        request.user = serializer.validated_data["user"]
        return super().post(request, format=format)


@extend_schema(request=None, responses={204: None})
class LogoutView(knox_views.LogoutView):
    """Revoke the token this request is authenticated with."""


@extend_schema(request=None, responses={204: None})
class LogoutAllView(knox_views.LogoutAllView):
    """Revoke every token of the requesting user."""
