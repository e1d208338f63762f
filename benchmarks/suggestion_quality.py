"""Quality of the suggestion recommenders on an attribution set (one JSON object a line:
``text`` and ``spans`` of ``label`` and ``quote``): precision, recall and F1 per label, exact
and overlap, for the rules at cold start and for the learned recommender trained on the
other folds (leave-one-fold-out, so nothing is scored on text it was trained on).

    python benchmarks/suggestion_quality.py [/work/shared/attribution-dev.jsonl] [--folds 5]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")

import django

django.setup()

from workbench.suggestion.evaluation import evaluate  # noqa: E402
from workbench.suggestion.recommenders.attribution import AttributionRules  # noqa: E402
from workbench.suggestion.recommenders.base import Example, RecommenderContext  # noqa: E402

LABELS = ("claim", "source")


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


def rules_figures(examples: list[Example], show: bool = False) -> dict:
    rules = AttributionRules()
    context = RecommenderContext(project_id=0)
    proposals = rules.propose([e.text for e in examples], context)
    pairs = []
    for example, found in zip(examples, proposals, strict=True):
        spans = [(p.label, p.start, p.end) for p in found]
        pairs.append((spans, example.spans))
        if show and sorted(spans) != sorted(example.spans):
            print("MISS", example.text)
            print("   got ", [(p.label, p.quote) for p in found])
            print("   gold", [(lab, example.text[s:e]) for lab, s, e in example.spans])
    return evaluate(pairs, LABELS)


def learned_figures(examples: list[Example], folds: int) -> dict:
    from workbench.suggestion.recommenders.learned import LearnedAttribution

    model = LearnedAttribution()
    pairs = []
    with tempfile.TemporaryDirectory() as tmp:
        for fold in range(folds):
            train = [e for i, e in enumerate(examples) if i % folds != fold]
            test = [e for i, e in enumerate(examples) if i % folds == fold]
            path = Path(tmp) / f"fold{fold}.crfsuite"
            model.train(train, path)
            context = RecommenderContext(project_id=0, model=model.trained(path, f"fold{fold}"))
            for example, found in zip(
                test, model.propose([e.text for e in test], context), strict=True
            ):
                pairs.append(([(p.label, p.start, p.end) for p in found], example.spans))
    return evaluate(pairs, LABELS)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("path", nargs="?", default="/work/shared/attribution-dev.jsonl")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--show", action="store_true", help="print the sentences missed")
    options = parser.parse_args()
    examples = load(Path(options.path))
    print(f"{len(examples)} sentences from {options.path}")
    table("Rules (cold start)", rules_figures(examples, options.show))
    if options.folds > 1:
        table(
            f"Learned ({options.folds}-fold, trained on the other folds)",
            learned_figures(examples, options.folds),
        )


if __name__ == "__main__":
    main()
