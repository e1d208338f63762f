"""The real engine: installed argos packages run through CTranslate2, translating in batches.

Packages are listed from their metadata (``workbench.translation.packages``) and tokenized with
argos's SentencePiece tokenizer; neither ``argostranslate.package`` nor
``argostranslate.translate`` is imported, so nothing is written under the home directory, stanza
and torch are not loaded and no sentence splitter is downloaded. Segments are already sentences.
Language codes are mapped to argos's own (``zh-cn`` is ``zh``) by ``workbench.language.codes``.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from django.conf import settings

from workbench.language.codes import engine_code, from_engine_code

from ..packages import InstalledPackage, PackageError, directory_signature, installed_packages
from .base import Engine, EngineFailed, Pair, PairNotInstalled, Route

#: Language used as a pivot when no direct package exists.
PIVOT_LANGUAGE = "en"


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
        self._signature: tuple[str, float | None] | None = None
        self._packages: dict[tuple[str, str], InstalledPackage] = {}
        self._translators: dict[tuple[str, int], Any] = {}
        self._tokenizers: dict[str, Any] = {}

    def option(self, name: str) -> Any:
        """Return a constructor override, else the Django setting ``name``."""
        key = name.removeprefix("WORKBENCH_MT_").lower()
        return self.options.get(key, getattr(settings, name))

    def _installed(self) -> dict[tuple[str, str], InstalledPackage]:
        """Installed packages by (argos source code, argos target code)."""
        try:
            signature = directory_signature()
            with self._lock:
                if signature != self._signature:
                    self._packages = {(p.from_code, p.to_code): p for p in installed_packages()}
                    self._signature = signature
                return dict(self._packages)
        except PackageError as exc:
            raise EngineFailed(f"argos: {exc}") from exc

    def pairs(self) -> list[Pair]:
        """Return one pair per installed translation package, in our language codes."""
        return [
            Pair(
                self.name,
                from_engine_code(self.name, src),
                from_engine_code(self.name, tgt),
                pkg.code,
                pkg.version,
            )
            for (src, tgt), pkg in sorted(self._installed().items())
        ]

    def route(self, source: str, target: str) -> Route:
        """Return the direct package, or the pivot through English, for ``source`` → ``target``."""
        packages = self._installed()
        src, tgt = engine_code(self.name, source), engine_code(self.name, target)
        if src != tgt and (src, tgt) in packages:
            pkg = packages[(src, tgt)]
            return Route(self.name, pkg.code, pkg.version)
        first = packages.get((src, PIVOT_LANGUAGE))
        second = packages.get((PIVOT_LANGUAGE, tgt))
        if src != tgt and first is not None and second is not None:
            return Route(
                self.name,
                f"{first.code}+{second.code}",
                f"{first.version}+{second.version}",
                pivot=PIVOT_LANGUAGE,
            )
        raise PairNotInstalled(f"argos: no package for {source}→{target}")

    def tokenizer(self, pkg: InstalledPackage) -> Any:
        """Return argos's SentencePiece tokenizer for ``pkg`` (one per package per process)."""
        from argostranslate.tokenizer import SentencePieceTokenizer

        with self._lock:
            tokenizer = self._tokenizers.get(pkg.path)
            if tokenizer is None:
                model = Path(pkg.path) / "sentencepiece.model"
                if not model.is_file():
                    raise EngineFailed(f"argos: {pkg.code} has no sentencepiece.model")
                tokenizer = self._tokenizers[pkg.path] = SentencePieceTokenizer(model)
            return tokenizer

    def translator(self, pkg: InstalledPackage) -> Any:
        """Return the shared CTranslate2 translator for ``pkg``, loading it on first use."""
        import ctranslate2

        model_dir = Path(pkg.path) / "model"
        try:
            key = (str(model_dir), (model_dir / "model.bin").stat().st_mtime_ns)
        except OSError as exc:
            raise EngineFailed(f"argos: model missing in {model_dir}") from exc
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
                    raise EngineFailed(f"argos: cannot load {model_dir}: {exc}") from exc
                self._translators[key] = translator
            return translator

    def run_package(
        self, pkg: InstalledPackage, texts: list[str], *, beam_size: int | None = None
    ) -> list[str]:
        """Translate ``texts`` with one package in a single batched CTranslate2 call."""
        tokenizer = self.tokenizer(pkg)
        tokens = [tokenizer.encode(text) for text in texts]
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

    def decode(self, pkg: InstalledPackage, tokens: list[str]) -> str:
        """Detokenize one hypothesis the way argostranslate does."""
        value = self.tokenizer(pkg).decode(tokens)
        prefix = pkg.target_prefix or ""
        if prefix and value.startswith(prefix):
            value = value[len(prefix) :]
        return value.removeprefix(" ")

    def _translate(self, texts: list[str], source: str, target: str, route: Route) -> list[str]:
        packages = self._installed()
        src, tgt = engine_code(self.name, source), engine_code(self.name, target)
        steps = [(src, tgt)] if not route.pivot else [(src, route.pivot), (route.pivot, tgt)]
        for step in steps:
            pkg = packages.get(step)
            if pkg is None:
                raise PairNotInstalled(f"argos: package {step[0]}→{step[1]} was removed")
            texts = self.run_package(pkg, texts)
        return texts
