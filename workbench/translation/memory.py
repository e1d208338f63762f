"""Translation memory: approved translations reused for identical or similar source text.

Memory is per project: an approved translation is offered only inside its own project. On
PostgreSQL with ``pg_trgm`` the database picks similar candidates among all approved
translations by trigram similarity; elsewhere the newest ``FUZZY_CANDIDATES`` are compared.
Either way rapidfuzz gives the final score, so scores mean the same on every database.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import connection

from .models import Status, Translation

#: How many approved translations fuzzy matching compares against, newest first (no pg_trgm).
FUZZY_CANDIDATES = 5000
#: How many trigram-nearest candidates rapidfuzz scores, per requested match (pg_trgm).
TRIGRAM_CANDIDATES_PER_MATCH = 20
#: Trigram similarity (0-1) below which a candidate is not considered at all (pg_trgm).
TRIGRAM_FLOOR = 0.1

_trigram_cache: dict[tuple[str, str], bool] = {}


@dataclass(frozen=True)
class MemoryMatch:
    """An approved translation offered for a source text, with its similarity (0-100)."""

    translation: Translation
    source_text: str
    score: float


def trigram_available() -> bool:
    """Whether the default database is PostgreSQL with ``pg_trgm`` installed and a character
    type that makes trigrams of Arabic letters (under ``LC_CTYPE=C`` it makes none)."""
    if connection.vendor != "postgresql":
        return False
    key = (connection.alias, str(connection.settings_dict["NAME"]))
    if key not in _trigram_cache:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")
            usable = cursor.fetchone() is not None
            if usable:
                cursor.execute("SELECT cardinality(show_trgm(%s)) > 0", ["صحيفة"])
                usable = bool(cursor.fetchone()[0])
        _trigram_cache[key] = usable
    return _trigram_cache[key]


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


def _candidates(project_id: int, target: str, text: str, limit: int):
    rows = _approved(project_id, target).select_related("segment")
    if trigram_available():
        from django.contrib.postgres.search import TrigramSimilarity

        return (
            rows.annotate(similarity=TrigramSimilarity("segment__text", text))
            .filter(similarity__gte=TRIGRAM_FLOOR)
            .order_by("-similarity", "-reviewed_at")[: limit * TRIGRAM_CANDIDATES_PER_MATCH]
        )
    return rows.order_by("-reviewed_at")[:FUZZY_CANDIDATES]


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

    if not text.strip():
        return []
    rows = _candidates(project_id, target, text, limit)
    candidates = [row for row in rows if row.segment_id != exclude_segment_id]
    if not candidates:
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
