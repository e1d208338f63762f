"""Domain errors of the translation app: a pair nobody installed, an engine that broke."""

from django.utils.translation import gettext as _

from workbench.common.errors import Conflict, Unavailable

from .engines.base import EngineFailed


class NoTranslationPair(Conflict):
    """No installed engine or package translates the requested pair; installing one helps."""

    code = "no_translation_pair"


class TranslationEngineFailed(Unavailable):
    """The engine for a pair broke (a broken package, a model that does not load)."""

    code = "engine_failed"

    @classmethod
    def from_engine(cls, exc: EngineFailed) -> "TranslationEngineFailed":
        """The domain error for an engine's failure, with the engine's own explanation."""
        return cls(_("The translation engine failed: %(error)s") % {"error": exc})
