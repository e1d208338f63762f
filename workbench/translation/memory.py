"""Translation memory: approved translations reused for identical or similar source text.

Memory is per project: an approved translation is offered only inside its own project.
"""

from __future__ import annotations

from dataclasses import dataclass

from .models import Status, Translation

#: How many approved translations fuzzy matching compares against, newest first.
FUZZY_CANDIDATES = 5000


@dataclass(frozen=True)
class MemoryMatch:
    """An approved translation offered for a source text, with its similarity (0-100)."""

    translation: Translation
    source_text: str
    score: float


def _approved(project_id: int, target: str):
    return Translation.objects.filter(
        segment__document__project_id=project_id, target=target, status=Status.APPROVED
    )


def exact_matches(*, project_id: int, target: str, hashes: set[str]) -> dict[str, Translation]:
    """Return, per source hash, the most recently reviewed approved translation with that hash."""
    found: dict[str, Translation] = {}
    rows = _approved(project_id, target).filter(source_sha256__in=hashes).order_by("-reviewed_at")
    for translation in rows:
        found.setdefault(translation.source_sha256, translation)
    return found


def fuzzy_matches(
    *,
    project_id: int,
    target: str,
    text: str,
    exclude_segment_id: int | None = None,
    limit: int = 5,
    min_score: float = 60.0,
) -> list[MemoryMatch]:
    """Return approved translations whose source is similar to ``text``, best first.

    Scores are rapidfuzz ``fuzz.ratio`` values (0-100; 100 is identical text).
    """
    from rapidfuzz import fuzz, process

    rows = (
        _approved(project_id, target)
        .select_related("segment")
        .order_by("-reviewed_at")[:FUZZY_CANDIDATES]
    )
    candidates = [row for row in rows if row.segment_id != exclude_segment_id]
    if not candidates or not text.strip():
        return []
    choices = [row.segment.text for row in candidates]
    best = process.extract(
        text, choices, scorer=fuzz.ratio, limit=limit * 3, score_cutoff=min_score
    )
    matches: list[MemoryMatch] = []
    seen: set[tuple[str, str]] = set()
    for choice, score, index in best:
        key = (choice, candidates[index].text)
        if key in seen:
            continue
        seen.add(key)
        matches.append(MemoryMatch(candidates[index], choice, round(float(score), 1)))
        if len(matches) == limit:
            break
    return matches
