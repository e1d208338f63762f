"""App configuration for translation: registers its job kind and the engine system checks."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TranslationConfig(AppConfig):
    name = "workbench.translation"
    label = "translation"
    verbose_name = _("Translation")

    def ready(self) -> None:
        from django.core import checks

        from .checks import check_engines
        from .jobs import register_kind

        checks.register(check_engines, "translation")
        register_kind()
