"""App configuration for annotation."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AnnotationConfig(AppConfig):
    name = "workbench.annotation"
    label = "annotation"
    verbose_name = _("Annotation")
