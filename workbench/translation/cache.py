"""Machine output cached by (source text hash, engine, package code, package version, target).

``CachedEngine`` wraps an engine with the same ``translate_batch`` signature: texts already in
the cache never reach the engine, and new outputs are stored for next time.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

from .engines.base import Engine, EngineResult
from .models import MachineCache


def text_sha256(text: str) -> str:
    """Return the hex SHA-256 of ``text`` encoded as UTF-8."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class CachedEngine:
    """An engine front that answers from ``MachineCache`` first."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.hits = 0
        self.misses = 0

    def translate_batch(self, texts: Sequence[str], source: str, target: str) -> list[EngineResult]:
        """Translate ``texts`` in order, calling the engine only for uncached texts."""
        texts = list(texts)
        route = self.engine.route(source, target)
        hashes = [text_sha256(text) for text in texts]
        cached = dict(
            MachineCache.objects.filter(
                source_sha256__in=set(hashes),
                engine=route.engine,
                package_code=route.package_code,
                package_version=route.package_version,
                target=target,
            ).values_list("source_sha256", "text")
        )
        missing = list(dict.fromkeys(h for h in hashes if h not in cached))
        self.hits += len(texts) - sum(1 for h in hashes if h not in cached)
        self.misses += len(missing)
        if missing:
            by_hash = dict(zip(hashes, texts, strict=True))
            results = self.engine.translate_batch([by_hash[h] for h in missing], source, target)
            MachineCache.objects.bulk_create(
                [
                    MachineCache(
                        source_sha256=digest,
                        engine=result.route.engine,
                        package_code=result.route.package_code,
                        package_version=result.route.package_version,
                        source=source,
                        target=target,
                        text=result.text,
                    )
                    for digest, result in zip(missing, results, strict=True)
                ],
                ignore_conflicts=True,
            )
            cached.update((digest, r.text) for digest, r in zip(missing, results, strict=True))
        return [EngineResult(text=cached[digest], route=route) for digest in hashes]
