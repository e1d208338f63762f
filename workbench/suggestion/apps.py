"""App configuration for suggestions: registers the training job kind and the system check."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SuggestionConfig(AppConfig):
    name = "workbench.suggestion"
    label = "suggestion"
    verbose_name = _("Suggestions")

    def ready(self) -> None:
        from django.core import checks

        from .checks import check_recommenders
        from .jobs import register_kind

        checks.register(check_recommenders, "suggestion")
        register_kind()
