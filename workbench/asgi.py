"""ASGI entry point for Workbench: a production entry, so it refuses debug mode and a missing
``SECRET_KEY`` (see ``workbench.common.serving``)."""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "workbench.settings")
application = get_asgi_application()

from workbench.common.serving import ensure_production_settings  # noqa: E402 (after setup)

ensure_production_settings()
