"""Token exchange: ``POST /api/v1/auth/token/`` trades a username and password for a token."""

from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.settings import api_settings


@extend_schema(
    request=inline_serializer(
        "TokenRequest", {"username": serializers.CharField(), "password": serializers.CharField()}
    ),
    responses=inline_serializer("TokenResponse", {"token": serializers.CharField()}),
)
class ObtainTokenView(ObtainAuthToken):
    """Exchange credentials for an API token (sent as ``Authorization: Token <key>``)."""

    parser_classes = api_settings.DEFAULT_PARSER_CLASSES
