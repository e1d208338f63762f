"""App configuration for the corpus."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CorpusConfig(AppConfig):
    name = "workbench.corpus"
    label = "corpus"
    verbose_name = _("Corpus")
