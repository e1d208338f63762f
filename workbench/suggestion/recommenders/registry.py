"""Load the recommenders listed in ``settings.WORKBENCH_RECOMMENDERS`` lazily, one per process."""

from __future__ import annotations

import threading

from django.conf import settings
from django.utils.module_loading import import_string

from .base import Recommender, RecommenderFailed

_lock = threading.Lock()
_instances: dict[str, Recommender] = {}


def recommender_paths() -> list[str]:
    """Return the configured dotted paths, read from settings at call time."""
    return list(settings.WORKBENCH_RECOMMENDERS)


def load_recommender(path: str) -> Recommender:
    """Return the shared instance of the recommender class at ``path``."""
    with _lock:
        recommender = _instances.get(path)
        if recommender is None:
            try:
                cls = import_string(path)
            except ImportError as exc:
                raise RecommenderFailed(f"unknown recommender {path!r}: {exc}") from exc
            if not (isinstance(cls, type) and issubclass(cls, Recommender)):
                raise RecommenderFailed(f"{path!r} is not a Recommender subclass")
            recommender = cls()
            _instances[path] = recommender
        return recommender


def get_recommenders() -> list[Recommender]:
    """Return the configured recommenders, in settings order."""
    return [load_recommender(path) for path in recommender_paths()]


def reset_recommenders() -> None:
    """Forget every loaded recommender; used after settings change in tests."""
    with _lock:
        _instances.clear()
