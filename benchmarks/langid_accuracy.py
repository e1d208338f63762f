"""Accuracy of segment language detection on a labelled JSONL set.

Each line of the set is ``{"text", "language"[, "languages"]}``. The script prints label
accuracy, precision/recall/F1 per label (``mixed`` included), the confusions, and how often
the ``languages`` list of a mixed segment matches. Every line goes through ``detect`` alone
(no document context), as a held-out line would.

    python benchmarks/langid_accuracy.py [--path ../shared/langid-dev.jsonl]
"""

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from workbench.language.detection import detect  # noqa: E402


def load(path: Path) -> list[dict]:
    """The labelled items of a JSONL file."""
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def evaluate(items: list[dict]) -> dict:
    """Predictions and scores for ``items``."""
    pairs = []
    languages_exact = languages_set = mixed_gold = 0
    for item in items:
        detection = detect(item["text"])
        pairs.append((item["language"], detection.language, item["text"], detection))
        if item["language"] == "mixed" and "languages" in item:
            mixed_gold += 1
            languages_exact += detection.languages == item["languages"]
            languages_set += set(detection.languages) == set(item["languages"])
    labels = sorted({gold for gold, *_ in pairs} | {pred for _, pred, *_ in pairs})
    per_label = {}
    for label in labels:
        tp = sum(gold == label and pred == label for gold, pred, *_ in pairs)
        fp = sum(gold != label and pred == label for gold, pred, *_ in pairs)
        fn = sum(gold == label and pred != label for gold, pred, *_ in pairs)
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        per_label[label] = (precision, recall, f1, tp + fn)
    correct = sum(gold == pred for gold, pred, *_ in pairs)
    return {
        "pairs": pairs,
        "accuracy": correct / len(pairs) if pairs else 0.0,
        "per_label": per_label,
        "mixed_languages": (languages_set, languages_exact, mixed_gold),
    }


def main() -> None:
    """Print the figures for the set given by ``--path``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--path", type=Path, default=REPO.parent / "shared" / "langid-dev.jsonl")
    args = parser.parse_args()
    result = evaluate(load(args.path))
    pairs = result["pairs"]
    print(f"set: {args.path} ({len(pairs)} items)")
    print(f"label accuracy: {result['accuracy']:.4f}")
    print(f"{'label':8} {'P':>6} {'R':>6} {'F1':>6} {'n':>4}")
    for label, (precision, recall, f1, support) in result["per_label"].items():
        print(f"{label:8} {precision:6.3f} {recall:6.3f} {f1:6.3f} {support:4d}")
    as_set, exact, total = result["mixed_languages"]
    print(f"mixed languages: {as_set}/{total} same set, {exact}/{total} same order")
    confusions = Counter((gold, pred) for gold, pred, *_ in pairs if gold != pred)
    print("confusions:" if confusions else "confusions: none")
    for (gold, pred), count in confusions.most_common():
        print(f"  {gold} -> {pred}: {count}")
    for gold, pred, text, detection in pairs:
        if gold != pred:
            print(f"  [{gold} -> {pred}] {text!r} {detection.languages}")


if __name__ == "__main__":
    main()
