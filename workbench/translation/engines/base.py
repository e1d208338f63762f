"""Base class, result type and error family shared by every machine-translation engine."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence
from dataclasses import dataclass


class TranslationUnavailable(Exception):
    """The family of engine errors: a text cannot be translated now. Raise a subclass."""


class PairNotInstalled(TranslationUnavailable):
    """No engine or package translates this language pair (installing one helps)."""


class EngineFailed(TranslationUnavailable):
    """An engine broke: a broken package, a model that does not load, wrong output."""


@dataclass(frozen=True)
class Route:
    """How an engine translates one language pair: which package(s) and through which pivot.

    For a pivot route, ``package_code`` and ``package_version`` join both packages with ``+``
    (e.g. ``translate-fr_en+translate-en_ar`` and ``1.0+1.0``) and ``pivot`` is the pivot
    language; it is empty for a direct pair.
    """

    engine: str
    package_code: str
    package_version: str
    pivot: str = ""


@dataclass(frozen=True)
class EngineResult:
    """One translated text and the route that produced it."""

    text: str
    route: Route


@dataclass(frozen=True)
class Pair:
    """An installed language pair as offered by an engine."""

    engine: str
    source: str
    target: str
    package_code: str
    package_version: str


class Engine(ABC):
    """A machine-translation backend.

    Subclasses set ``name`` and implement :meth:`pairs` and :meth:`_translate`. Each instance
    counts its calls in ``calls`` and the texts it was given in ``texts_translated``, which
    tests use to prove that cached work never reaches the engine.
    """

    name: str = ""
    #: Whether the engine needs installed packages (the system check warns when none are).
    requires_packages: bool = True

    def __init__(self) -> None:
        self.calls = 0
        self.texts_translated = 0

    @abstractmethod
    def pairs(self) -> list[Pair]:
        """Return the language pairs this engine translates directly."""

    def route(self, source: str, target: str) -> Route:
        """Return how ``source`` → ``target`` is translated, or raise PairNotInstalled."""
        for pair in self.pairs():
            if pair.source == source and pair.target == target:
                return Route(self.name, pair.package_code, pair.package_version)
        raise PairNotInstalled(f"{self.name}: no package for {source}→{target}")

    def supports(self, source: str, target: str) -> bool:
        """Return whether this engine has ``source`` → ``target``; EngineFailed propagates."""
        try:
            self.route(source, target)
        except PairNotInstalled:
            return False
        return True

    def translate_batch(self, texts: Sequence[str], source: str, target: str) -> list[EngineResult]:
        """Translate ``texts`` (in order) and return one result per text.

        Empty or whitespace-only texts come back unchanged without reaching the model.
        """
        texts = list(texts)
        route = self.route(source, target)
        self.calls += 1
        wanted = [i for i, text in enumerate(texts) if text.strip()]
        self.texts_translated += len(wanted)
        outputs = list(texts)
        if wanted:
            translated = self._translate([texts[i] for i in wanted], source, target, route)
            if len(translated) != len(wanted):
                raise EngineFailed(f"{self.name}: wrong number of outputs")
            for index, text in zip(wanted, translated, strict=True):
                outputs[index] = text
        return [EngineResult(text=text, route=route) for text in outputs]

    @abstractmethod
    def _translate(self, texts: list[str], source: str, target: str, route: Route) -> list[str]:
        """Translate non-empty ``texts``; subclasses implement this."""
