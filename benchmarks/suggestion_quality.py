"""Quality of the suggestion recommenders on attribution sets (one JSON object a line:
``text`` and ``spans`` of ``label`` and ``quote``): precision, recall and F1 per label, exact
and overlap.

- the rules at cold start, on each set;
- the learned recommender (CRF) after training: leave-one-fold-out within each set (nothing
  is scored on a sentence it was trained on), and trained on the first set, scored on the
  second.

The first set (``/work/shared/attribution-dev.jsonl``) is the one the rules were written
against, so their figures there are in-sample; the second (``benchmarks/data/
attribution-fresh.jsonl``) was annotated before the rules were run on it and is not tuned on.

    python benchmarks/suggestion_quality.py [DEV.jsonl] [FRESH.jsonl] [--folds 5] [--show]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")

import django  # noqa: E402

django.setup()

from workbench.suggestion.evaluation import evaluate  # noqa: E402
from workbench.suggestion.recommenders.attribution import AttributionRules  # noqa: E402
from workbench.suggestion.recommenders.base import Example, RecommenderContext  # noqa: E402
from workbench.suggestion.recommenders.learned import LearnedAttribution  # noqa: E402

LABELS = ("claim", "source")
DEV = Path("/work/shared/attribution-dev.jsonl")
FRESH = ROOT / "benchmarks" / "data" / "attribution-fresh.jsonl"


def load(path: Path) -> list[Example]:
    """The examples of ``path``, each gold quote located in its text (first occurrence)."""
    examples = []
    for line in path.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        text = row["text"]
        spans = []
        for span in row["spans"]:
            start = text.index(span["quote"])
            spans.append((span["label"], start, start + len(span["quote"])))
        examples.append(Example(text=text, spans=tuple(spans)))
    return examples


def table(title: str, figures: dict) -> None:
    print(f"\n{title}")
    print(f"{'label':8} {'kind':8} {'P':>6} {'R':>6} {'F1':>6} {'gold':>5}")
    for label, kinds in figures.items():
        for kind, row in kinds.items():
            print(
                f"{label:8} {kind:8} {row['precision']:6.2f} {row['recall']:6.2f}"
                f" {row['f1']:6.2f} {row['support']:5d}"
            )


def scored(recommender, examples: list[Example], context, show: bool = False) -> dict:
    proposals = recommender.propose([e.text for e in examples], context)
    pairs = []
    for example, found in zip(examples, proposals, strict=True):
        spans = [(p.label, p.start, p.end) for p in found]
        pairs.append((spans, example.spans))
        if show and sorted(spans) != sorted(example.spans):
            print("MISS", example.text)
            print("   got ", [(p.label, p.quote) for p in found])
            print("   gold", [(lab, example.text[s:e]) for lab, s, e in example.spans])
    return evaluate(pairs, LABELS)


def learned_folds(examples: list[Example], folds: int) -> dict:
    """Leave-one-fold-out: each sentence is tagged by a model trained on the other folds."""
    model = LearnedAttribution()
    pairs = []
    with tempfile.TemporaryDirectory() as tmp:
        for fold in range(folds):
            train = [e for i, e in enumerate(examples) if i % folds != fold]
            test = [e for i, e in enumerate(examples) if i % folds == fold]
            path = Path(tmp) / f"fold{fold}.crfsuite"
            model.train(train, path)
            context = RecommenderContext(project_id=0, model=model.trained(path, f"fold{fold}"))
            found = model.propose([e.text for e in test], context)
            for example, proposals in zip(test, found, strict=True):
                pairs.append(([(p.label, p.start, p.end) for p in proposals], example.spans))
    return evaluate(pairs, LABELS)


def learned_across(train: list[Example], test: list[Example]) -> dict:
    model = LearnedAttribution()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "model.crfsuite"
        model.train(train, path)
        context = RecommenderContext(project_id=0, model=model.trained(path, "across"))
        return scored(model, test, context)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("dev", nargs="?", default=str(DEV))
    parser.add_argument("fresh", nargs="?", default=str(FRESH))
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--show", action="store_true", help="print the sentences missed")
    options = parser.parse_args()
    sets = {"dev": load(Path(options.dev)), "fresh": load(Path(options.fresh))}
    rules = AttributionRules()
    for name, examples in sets.items():
        print(f"\n== {name}: {len(examples)} sentences")
        table("Rules (cold start)", scored(rules, examples, RecommenderContext(0), options.show))
        table(
            f"Learned, {options.folds}-fold (trained on the other folds)",
            learned_folds(examples, options.folds),
        )
    table("Learned, trained on dev, scored on fresh", learned_across(sets["dev"], sets["fresh"]))


if __name__ == "__main__":
    main()
