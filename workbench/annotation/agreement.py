"""Inter-annotator agreement on the spans of one document, per label type.

Pure functions over ``{annotator: [(start, end), ...]}``; ``selectors.document_agreement``
feeds them each author's live annotations whatever their review status (pending, accepted,
rejected); deleted ones are left out.

How the figures are computed:

* **Exact F1** for a pair (A, B): the spans are sets of ``(start, end)``;
  ``F1 = 2·|A ∩ B| / (|A| + |B|)``.
* **Overlap F1**: recall is the share of A's spans that overlap (share at least one code point
  with) some span of B, precision the share of B's spans that overlap some span of A, and
  ``F1 = 2·P·R / (P + R)``. Both F1 values are symmetric in A and B; they are ``None`` when
  neither annotator marked anything and 0 when only one did.
* The document figure is the mean over all annotator pairs that have a value.
* **Krippendorff's alpha (nominal)** over characters: every code point of the document is a
  unit; each annotator gives it the value 1 if one of their spans of that type covers it and 0
  otherwise. Alpha is computed by the ``krippendorff`` package and is ``None`` when it is
  undefined (fewer than two annotators, or every annotator gave every unit the same value).
"""

import math
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from itertools import combinations
from typing import Any

import krippendorff
import numpy as np

Span = tuple[int, int]


@dataclass(frozen=True)
class PairScore:
    """Agreement between two annotators."""

    a: Hashable
    b: Hashable
    exact_f1: float | None
    overlap_f1: float | None


@dataclass(frozen=True)
class Agreement:
    """Agreement of several annotators on one label type of one document."""

    annotators: list[Hashable]
    spans: dict[Hashable, int]
    exact_f1: float | None
    overlap_f1: float | None
    alpha: float | None
    units: int
    pairs: list[PairScore] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return asdict(self)


def exact_f1(a: Sequence[Span], b: Sequence[Span]) -> float | None:
    """F1 of exactly matching spans between two annotators."""
    set_a, set_b = set(a), set(b)
    if not set_a and not set_b:
        return None
    return 2 * len(set_a & set_b) / (len(set_a) + len(set_b))


def _overlaps(span: Span, others: Sequence[Span]) -> bool:
    return any(span[0] < other[1] and other[0] < span[1] for other in others)


def overlap_f1(a: Sequence[Span], b: Sequence[Span]) -> float | None:
    """F1 where a span counts as matched when it overlaps any span of the other annotator."""
    set_a, set_b = set(a), set(b)
    if not set_a and not set_b:
        return None
    if not set_a or not set_b:
        return 0.0
    recall = sum(_overlaps(span, list(set_b)) for span in set_a) / len(set_a)
    precision = sum(_overlaps(span, list(set_a)) for span in set_b) / len(set_b)
    if precision + recall == 0:
        return 0.0
    return 2 * precision * recall / (precision + recall)


def coverage(spans: Sequence[Span], length: int) -> np.ndarray:
    """A 0/1 vector over ``length`` code points: 1 where one of ``spans`` covers it."""
    covered = np.zeros(length, dtype=np.int8)
    for start, end in spans:
        covered[max(start, 0) : min(end, length)] = 1
    return covered


def character_alpha(
    spans_by_annotator: Mapping[Hashable, Sequence[Span]], length: int
) -> float | None:
    """Krippendorff's nominal alpha with every code point as a unit and 0/1 as values."""
    if len(spans_by_annotator) < 2 or length == 0:
        return None
    data = np.vstack([coverage(spans, length) for spans in spans_by_annotator.values()])
    if np.all(data == data.flat[0]):
        return None
    value = krippendorff.alpha(
        reliability_data=data.astype(float), level_of_measurement="nominal", value_domain=[0, 1]
    )
    return None if math.isnan(value) else float(value)


def _mean(values: Sequence[float | None]) -> float | None:
    present = [value for value in values if value is not None]
    return sum(present) / len(present) if present else None


def agreement(spans_by_annotator: Mapping[Hashable, Sequence[Span]], length: int) -> Agreement:
    """Pairwise F1 (exact and overlapping) and character-level alpha for one label type."""
    annotators = list(spans_by_annotator)
    pairs = [
        PairScore(
            a=a,
            b=b,
            exact_f1=exact_f1(spans_by_annotator[a], spans_by_annotator[b]),
            overlap_f1=overlap_f1(spans_by_annotator[a], spans_by_annotator[b]),
        )
        for a, b in combinations(annotators, 2)
    ]
    return Agreement(
        annotators=annotators,
        spans={name: len(set(spans)) for name, spans in spans_by_annotator.items()},
        exact_f1=_mean([pair.exact_f1 for pair in pairs]),
        overlap_f1=_mean([pair.overlap_f1 for pair in pairs]),
        alpha=character_alpha(spans_by_annotator, length),
        units=length,
        pairs=pairs,
    )
