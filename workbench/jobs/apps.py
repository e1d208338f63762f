"""App configuration for background jobs (the registry is filled by each app's ready())."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JobsConfig(AppConfig):
    name = "workbench.jobs"
    label = "jobs"
    verbose_name = _("Background jobs")
