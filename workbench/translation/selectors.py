"""Reads of the translation app: translations, jobs, memory suggestions and installed pairs."""

from __future__ import annotations

from django.db.models import QuerySet

from workbench.corpus.models import Document, Segment

from .engines.base import EngineFailed, Pair
from .engines.registry import get_engines
from .errors import TranslationEngineFailed
from .memory import MemoryMatch, fuzzy_matches
from .models import Translation


def translation_list(*, segment: Segment) -> QuerySet[Translation]:
    """The segment's translations, one per target language."""
    return Translation.objects.filter(segment=segment).select_related(
        "created_by", "edited_by", "reviewed_by"
    )


def document_translation_list(
    *, document: Document, target: str = "", ids: list[int] | None = None
) -> QuerySet[Translation]:
    """A document's translations in segment order, optionally of one target or some ids."""
    queryset = Translation.objects.filter(segment__document=document)
    if target:
        queryset = queryset.filter(target=target)
    if ids is not None:
        queryset = queryset.filter(pk__in=ids)
    return queryset.select_related("created_by", "edited_by", "reviewed_by").order_by(
        "segment__index", "target"
    )


def memory_suggestions(
    *, segment: Segment, target: str, limit: int = 5, min_score: float = 60.0
) -> list[MemoryMatch]:
    """Approved translations of similar source text in the segment's project, best first."""
    return fuzzy_matches(
        project_id=segment.document.project_id,
        target=target,
        text=segment.text,
        exclude_segment_id=segment.pk,
        limit=limit,
        min_score=min_score,
    )


def installed_pairs() -> list[Pair]:
    """Every pair the configured engines translate directly, with package versions.

    Raises TranslationEngineFailed when an engine cannot list its pairs.
    """
    pairs: list[Pair] = []
    try:
        for engine in get_engines():
            pairs.extend(engine.pairs())
    except EngineFailed as exc:
        raise TranslationEngineFailed.from_engine(exc) from exc
    return pairs
