"""App configuration for language detection (it holds a management command, no models)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LanguageConfig(AppConfig):
    name = "workbench.language"
    label = "language"
    verbose_name = _("Language")
