"""Load the engines listed in ``settings.WORKBENCH_MT_ENGINES`` lazily, one instance per process."""

from __future__ import annotations

import threading

from django.conf import settings
from django.utils.module_loading import import_string

from .base import Engine, EngineFailed, PairNotInstalled

_lock = threading.Lock()
_instances: dict[str, Engine] = {}


def engine_paths() -> list[str]:
    """Return the configured dotted paths, read from settings at call time."""
    return list(settings.WORKBENCH_MT_ENGINES)


def load_engine(path: str) -> Engine:
    """Return the shared instance of the engine class at ``path``, creating it on first use."""
    with _lock:
        engine = _instances.get(path)
        if engine is None:
            try:
                cls = import_string(path)
            except ImportError as exc:
                raise EngineFailed(f"unknown engine {path!r}: {exc}") from exc
            if not (isinstance(cls, type) and issubclass(cls, Engine)):
                raise EngineFailed(f"{path!r} is not an Engine subclass")
            engine = cls()
            _instances[path] = engine
        return engine


def get_engines() -> list[Engine]:
    """Return the configured engines, in settings order."""
    return [load_engine(path) for path in engine_paths()]


def engine_for(source: str, target: str) -> Engine:
    """Return the first configured engine that supports ``source`` → ``target``."""
    for engine in get_engines():
        if engine.supports(source, target):
            return engine
    raise PairNotInstalled(f"no engine translates {source}→{target}")


def reset_engines() -> None:
    """Forget every loaded engine (and its models); used after settings change in tests."""
    with _lock:
        _instances.clear()
