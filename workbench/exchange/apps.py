"""App configuration for the exchange app."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExchangeConfig(AppConfig):
    name = "workbench.exchange"
    verbose_name = _("Export and import")
