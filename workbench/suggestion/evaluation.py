"""Precision, recall and F1 of proposed spans against gold spans, per label, exact and overlap.

Exact: a proposal counts when a gold span of its label has the same offsets. Overlap: when it
shares at least one code point with a gold span of its label not matched yet (one to one).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

Span = tuple[str, int, int]


def _prf(tp: int, proposed: int, gold: int) -> dict[str, float]:
    precision = tp / proposed if proposed else 0.0
    recall = tp / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(f1, 4),
        "support": gold,
    }


def _matches(proposed: Sequence[Span], gold: Sequence[Span], overlap: bool) -> int:
    used: set[int] = set()
    hits = 0
    for label, start, end in proposed:
        for index, (g_label, g_start, g_end) in enumerate(gold):
            if index in used or g_label != label:
                continue
            same = (start, end) == (g_start, g_end)
            if same or (overlap and start < g_end and g_start < end):
                used.add(index)
                hits += 1
                break
    return hits


def evaluate(
    pairs: Iterable[tuple[Sequence[Span], Sequence[Span]]], labels: Iterable[str]
) -> dict[str, dict[str, dict[str, float]]]:
    """Score ``(proposed, gold)`` span lists of many texts; returns the figures per label."""
    labels = sorted(set(labels))
    counts = {label: {"exact": 0, "overlap": 0, "proposed": 0, "gold": 0} for label in labels}
    for proposed, gold in pairs:
        for label in labels:
            mine = [span for span in proposed if span[0] == label]
            theirs = [span for span in gold if span[0] == label]
            counts[label]["proposed"] += len(mine)
            counts[label]["gold"] += len(theirs)
            counts[label]["exact"] += _matches(mine, theirs, overlap=False)
            counts[label]["overlap"] += _matches(mine, theirs, overlap=True)
    return {
        label: {
            kind: _prf(count[kind], count["proposed"], count["gold"])
            for kind in ("exact", "overlap")
        }
        for label, count in counts.items()
    }


def mean_f1(evaluation: dict[str, dict[str, dict[str, float]]], kind: str = "overlap") -> float:
    """The mean F1 over the labels of an evaluation (0 when there is none)."""
    values = [figures[kind]["f1"] for figures in evaluation.values() if kind in figures]
    return round(sum(values) / len(values), 4) if values else 0.0
