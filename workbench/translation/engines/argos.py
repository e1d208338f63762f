"""The real engine: installed argos packages run through CTranslate2, translating in batches.

Only ``argostranslate.package`` is used (package listing and the SentencePiece tokenizer);
``argostranslate.translate`` is never imported, so neither stanza nor torch is loaded and no
sentence splitter is downloaded. Segments are already sentences.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from django.conf import settings

from ..packages import PackageError, argos_packages, directory_signature, package_code
from .base import Engine, Pair, Route, TranslationUnavailable

#: Language used as a pivot when no direct package exists.
PIVOT_LANGUAGE = "en"

_DEFAULTS: dict[str, Any] = {
    "WORKBENCH_MT_BEAM_SIZE": 4,
    "WORKBENCH_MT_COMPUTE_TYPE": "int8",
    "WORKBENCH_MT_DEVICE": "cpu",
    "WORKBENCH_MT_THREADS": 0,
    "WORKBENCH_MT_INTER_THREADS": 1,
    "WORKBENCH_MT_MAX_BATCH_SIZE": 32,
    "WORKBENCH_MT_MAX_DECODING_LENGTH": 256,
}


def _setting(name: str) -> Any:
    return getattr(settings, name, _DEFAULTS[name])


def choose_compute_type(requested: str, device: str) -> str:
    """Return ``requested`` if CTranslate2 supports it on ``device``, else ``"auto"``."""
    import ctranslate2

    if requested == "auto" or requested in ctranslate2.get_supported_compute_types(device):
        return requested
    return "auto"


class ArgosEngine(Engine):
    """Translate with installed argos packages; pivot through English when needed.

    One ``ctranslate2.Translator`` is created lazily per package per process and shared by all
    threads (CTranslate2 translators are thread-safe). All texts of a call go to the model in
    one ``translate_batch`` call (``batch_type="examples"``), which CTranslate2 splits into
    length-sorted sub-batches of ``max_batch_size`` examples.
    """

    name = "argos"

    def __init__(self, **options: Any) -> None:
        super().__init__()
        self.options = options
        self._lock = threading.Lock()
        self._signature: tuple[str, float] | None = None
        self._packages: dict[tuple[str, str], Any] = {}
        self._translators: dict[tuple[str, int], Any] = {}

    def option(self, name: str) -> Any:
        """Return a constructor override, else the Django setting, else the default."""
        key = name.removeprefix("WORKBENCH_MT_").lower()
        return self.options.get(key, _setting(name))

    def _installed(self) -> dict[tuple[str, str], Any]:
        try:
            signature = directory_signature()
            with self._lock:
                if signature != self._signature:
                    self._packages = {(p.from_code, p.to_code): p for p in argos_packages()}
                    self._signature = signature
                return dict(self._packages)
        except PackageError as exc:
            raise TranslationUnavailable(str(exc)) from exc

    def pairs(self) -> list[Pair]:
        """Return one pair per installed translation package."""
        return [
            Pair(self.name, src, tgt, package_code(src, tgt), str(pkg.package_version or ""))
            for (src, tgt), pkg in sorted(self._installed().items())
        ]

    def route(self, source: str, target: str) -> Route:
        """Return the direct package, or the pivot through English, for ``source`` → ``target``."""
        packages = self._installed()
        if source != target and (source, target) in packages:
            pkg = packages[(source, target)]
            return Route(self.name, package_code(source, target), str(pkg.package_version or ""))
        first = packages.get((source, PIVOT_LANGUAGE))
        second = packages.get((PIVOT_LANGUAGE, target))
        if source != target and first is not None and second is not None:
            return Route(
                self.name,
                f"{package_code(source, PIVOT_LANGUAGE)}+{package_code(PIVOT_LANGUAGE, target)}",
                f"{first.package_version}+{second.package_version}",
                pivot=PIVOT_LANGUAGE,
            )
        raise TranslationUnavailable(f"argos: no package for {source}→{target}")

    def translator(self, pkg: Any) -> Any:
        """Return the shared CTranslate2 translator for ``pkg``, loading it on first use."""
        import ctranslate2

        model_dir = Path(pkg.package_path) / "model"
        try:
            key = (str(model_dir), (model_dir / "model.bin").stat().st_mtime_ns)
        except OSError as exc:
            raise TranslationUnavailable(f"argos: model missing in {model_dir}") from exc
        with self._lock:
            translator = self._translators.get(key)
            if translator is None:
                device = self.option("WORKBENCH_MT_DEVICE")
                try:
                    translator = ctranslate2.Translator(
                        str(model_dir),
                        device=device,
                        compute_type=choose_compute_type(
                            self.option("WORKBENCH_MT_COMPUTE_TYPE"), device
                        ),
                        inter_threads=int(self.option("WORKBENCH_MT_INTER_THREADS")),
                        intra_threads=int(self.option("WORKBENCH_MT_THREADS")),
                    )
                except (RuntimeError, ValueError) as exc:
                    raise TranslationUnavailable(f"argos: cannot load {model_dir}: {exc}") from exc
                self._translators[key] = translator
            return translator

    def run_package(self, pkg: Any, texts: list[str], *, beam_size: int | None = None) -> list[str]:
        """Translate ``texts`` with one package in a single batched CTranslate2 call."""
        tokens = [pkg.tokenizer.encode(text) for text in texts]
        prefix = pkg.target_prefix or ""
        results = self.translator(pkg).translate_batch(
            tokens,
            target_prefix=[[prefix]] * len(tokens) if prefix else None,
            beam_size=int(beam_size or self.option("WORKBENCH_MT_BEAM_SIZE")),
            max_batch_size=int(self.option("WORKBENCH_MT_MAX_BATCH_SIZE")),
            batch_type="examples",
            max_decoding_length=int(self.option("WORKBENCH_MT_MAX_DECODING_LENGTH")),
            replace_unknowns=True,
            length_penalty=0.2,
        )
        return [self.decode(pkg, result.hypotheses[0]) for result in results]

    @staticmethod
    def decode(pkg: Any, tokens: list[str]) -> str:
        """Detokenize one hypothesis the way argostranslate does."""
        value = pkg.tokenizer.decode(tokens)
        prefix = pkg.target_prefix or ""
        if prefix and value.startswith(prefix):
            value = value[len(prefix) :]
        return value.removeprefix(" ")

    def _translate(self, texts: list[str], source: str, target: str, route: Route) -> list[str]:
        packages = self._installed()
        if not route.pivot:
            steps = [(source, target)]
        else:
            steps = [(source, route.pivot), (route.pivot, target)]
        for step in steps:
            pkg = packages.get(step)
            if pkg is None:
                raise TranslationUnavailable(f"argos: package {step[0]}→{step[1]} was removed")
            texts = self.run_package(pkg, texts)
        return texts
