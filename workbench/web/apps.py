"""App configuration for the browser workspace."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebConfig(AppConfig):
    name = "workbench.web"
    label = "web"
    verbose_name = _("Workspace")
