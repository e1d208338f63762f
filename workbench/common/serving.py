"""The production servers' guard: gunicorn and the ASGI entry point refuse to serve in debug
mode or with the development secret key, whatever else the environment says."""

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext as _

DEVELOPMENT_KEY_PREFIX = "django-insecure-"


def ensure_production_settings() -> None:
    """Raise ``ImproperlyConfigured`` unless debug mode is off and a real ``SECRET_KEY`` is set.

    Loading the settings already refuses ``DEBUG`` off without ``SECRET_KEY``; this also refuses
    ``DEBUG`` on, which would serve tracebacks and sign sessions with the development key.
    """
    if settings.DEBUG:
        raise ImproperlyConfigured(
            _(
                "Refusing to serve with DEBUG on: production servers need DEBUG off and a "
                "SECRET_KEY (use manage.py serve for development)."
            )
        )
    if not settings.SECRET_KEY or settings.SECRET_KEY.startswith(DEVELOPMENT_KEY_PREFIX):
        raise ImproperlyConfigured(
            _("Refusing to serve without a SECRET_KEY of the deployment's own.")
        )
