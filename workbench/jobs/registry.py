"""The registry of job kinds: a name, the model that stores its jobs, the function running one.

Each app registers its kinds from ``AppConfig.ready()``; the workers, the Celery tasks and the
inline runner look kinds up here by name, so adding a kind touches no job machinery.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .models import Job


@dataclass(frozen=True)
class JobKind:
    """One kind of background job.

    ``run(job=..., context=...)`` does the remaining work of a claimed job, batch by batch,
    each batch inside ``with context.batch() as job:``; the fields named in
    ``progress_fields`` are saved with the batch and its heartbeat. It returns when the work
    is complete; raising marks the job failed.
    """

    name: str
    model: type[Job]
    run: Callable[..., None]
    progress_fields: Sequence[str] = ()


class UnknownJobKind(LookupError):
    """No kind of that name is registered."""


_kinds: dict[str, JobKind] = {}
_lock = threading.Lock()


def register(kind: JobKind) -> JobKind:
    """Add ``kind`` to the registry (registering the same kind again is harmless)."""
    with _lock:
        existing = _kinds.get(kind.name)
        if existing is not None and existing.model is not kind.model:
            raise ValueError(f"job kind {kind.name!r} is registered for {existing.model}")
        _kinds[kind.name] = kind
    return kind


def get_kind(name: str) -> JobKind:
    """The registered kind called ``name``."""
    try:
        return _kinds[name]
    except KeyError:
        raise UnknownJobKind(f"no job kind {name!r}; known: {', '.join(sorted(_kinds))}") from None


def all_kinds() -> list[JobKind]:
    """Every registered kind, by name."""
    return [_kinds[name] for name in sorted(_kinds)]
