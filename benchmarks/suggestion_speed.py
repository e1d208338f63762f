"""Speed of suggestions: a 1,000-segment document with the rules, and training the learned
recommender on 10,000 accepted annotations.

Builds a temporary SQLite database. The document is imported through the real import
service (1,000 paragraphs drawn from English, Arabic and mixed attribution patterns with
varied speakers and contents); suggestions are listed through the selector the API uses,
rounds repeated and the median shown, next to the rules alone on the same texts (no
database). Training: 5,000 segments, each with an accepted source and claim (10,000
annotations, written with ``bulk_create``), trained by the real training service.

    python benchmarks/suggestion_speed.py [--rounds 5] [--annotations 10000]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SPEAKERS_EN = ["The minister", "Police", "The union", "A spokesperson", "Doctors", "The mayor"]
SPEAKERS_AR = ["الوزير", "الشرطة", "النقابة", "المتحدث", "الأطباء", "المحافظ"]
CONTENT_EN = [
    "taxes will fall by {n} percent",
    "the road will reopen in {n} days",
    "{n} people were detained overnight",
    "the plan would cost {n} million",
]
CONTENT_AR = [
    "الضرائب ستنخفض بنسبة {n} بالمئة",
    "الطريق سيفتح خلال {n} يوما",
    "اعتقل {n} شخصا الليلة الماضية",
]
PATTERNS = [
    ("{se} said {ce}.", "{se}", "{ce}"),
    ("“{Ce},” {se_l} told reporters.", "{se_l}", "{Ce}"),
    ("According to {se_l}, {ce}.", "{se_l}", "{ce}"),
    ("قال {sa} إن {ca}.", "{sa}", "{ca}"),
    ("بحسب {sa}، {ca}.", "{sa}", "{ca}"),
    ("{se} said: «{ca}».", "{se}", "{ca}"),
    ("The weather in district {n} was mild.", None, None),
]


def sentence(rng: random.Random, n: int) -> tuple[str, str | None, str | None]:
    """A sentence with its gold source and claim (``None`` for none)."""
    se = rng.choice(SPEAKERS_EN)
    ce = rng.choice(CONTENT_EN).format(n=n)
    values = {
        "se": se,
        "se_l": se[0].lower() + se[1:] if se.startswith(("The", "A ")) else se,
        "ce": ce,
        "Ce": ce[0].upper() + ce[1:],
        "sa": rng.choice(SPEAKERS_AR),
        "ca": rng.choice(CONTENT_AR).format(n=n),
        "n": n,
    }
    text, source, claim = rng.choice(PATTERNS)
    return (
        text.format(**values),
        source.format(**values) if source else None,
        claim.format(**values) if claim else None,
    )


def setup_django(db_path: Path, models_dir: Path) -> None:
    os.environ["DATABASE_URL"] = f"sqlite:///{db_path}"
    os.environ["WORKBENCH_RECOMMENDER_MODELS_DIR"] = str(models_dir)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("loaddata", str(ROOT / "fixtures" / "label_types.json"), verbosity=0)


def bench_rules(rounds: int) -> None:
    from django.conf import settings

    from workbench.common.actor import Actor
    from workbench.corpus.models import Project
    from workbench.corpus.services import document_import
    from workbench.suggestion.recommenders.attribution import AttributionRules
    from workbench.suggestion.recommenders.base import RecommenderContext
    from workbench.suggestion.recommenders.registry import reset_recommenders
    from workbench.suggestion.selectors import document_suggestions

    settings.WORKBENCH_RECOMMENDERS = [
        "workbench.suggestion.recommenders.attribution.AttributionRules"
    ]
    reset_recommenders()
    rng = random.Random(1)
    text = "\n\n".join(sentence(rng, n)[0] for n in range(1000))
    actor = Actor.system("benchmark")
    project = Project.objects.create(name="bench-rules")
    document = document_import(
        actor=actor, project=project, name="thousand.txt", data=text.encode()
    ).document
    segments = list(document.segments.order_by("index"))
    texts = [segment.text for segment in segments]
    rules = AttributionRules()
    served, alone, found = [], [], 0
    for _ in range(rounds):
        began = time.perf_counter()
        found = len(document_suggestions(actor=actor, document=document))
        served.append(time.perf_counter() - began)
        began = time.perf_counter()
        rules.propose(texts, RecommenderContext(project_id=project.pk))
        alone.append(time.perf_counter() - began)
    listed, bare = statistics.median(served), statistics.median(alone)
    print(f"\nRules on a {len(segments)}-segment document ({found} suggestions), {rounds} rounds")
    print(f"  {'document_suggestions (DB, merge, filters)':44} median {listed:6.3f} s")
    print(f"  {'rules alone on the same texts':44} median {bare:6.3f} s")
    print(f"  ratio selector / rules alone: {listed / bare:.2f}; target < 2 s: {listed < 2}")


def bench_training(annotations: int) -> None:
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from workbench.annotation.models import Annotation, LabelType, Status
    from workbench.corpus.models import Document, Project, Segment
    from workbench.suggestion.models import TrainingRun
    from workbench.suggestion.services import training_run_execute

    rng = random.Random(2)
    rows = []
    while len(rows) * 2 < annotations:
        text, source, claim = sentence(rng, len(rows))
        if source:
            rows.append((text, source, claim))
    body = "\n\n".join(text for text, _, _ in rows)
    project = Project.objects.create(name="bench-training")
    document = Document.objects.create(project=project, name="train.txt", text=body)
    user = get_user_model().objects.create(username="bench-annotator")
    source_type = LabelType.objects.get(name="source")
    claim_type = LabelType.objects.get(name="claim")
    segments, made, position = [], [], 0
    now = timezone.now()
    for index, (text, source, claim) in enumerate(rows):
        segments.append(
            Segment(
                document=document, index=index, start=position, end=position + len(text), text=text
            )
        )
        for label_type, quote in ((source_type, source), (claim_type, claim)):
            start = position + text.index(quote)
            made.append(
                Annotation(
                    document=document,
                    label_type=label_type,
                    start=start,
                    end=start + len(quote),
                    quote=quote,
                    author=user,
                    status=Status.ACCEPTED,
                    reviewed_at=now,
                )
            )
        position += len(text) + 2
    Segment.objects.bulk_create(segments, batch_size=1000)
    Annotation.objects.bulk_create(made, batch_size=1000)
    run = TrainingRun.objects.create(project=project, recommender="attribution-crf")
    began = time.perf_counter()
    training_run_execute(run)
    took = time.perf_counter() - began
    print(f"\nTraining the CRF on {len(made)} accepted annotations ({len(rows)} segments)")
    print(f"  outcome {run.outcome}: {run.training_size} trained on, {run.held_out_size} held out")
    print(f"  wall time {took:6.1f} s (target < 120 s: {took < 120}); run.seconds {run.seconds}")
    for label, kinds in run.evaluation.items():
        print(
            f"  self-evaluation {label:6} exact F1 {kinds['exact']['f1']:.2f}"
            f"  overlap F1 {kinds['overlap']['f1']:.2f}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--annotations", type=int, default=10_000)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        setup_django(Path(tmp) / "bench.sqlite3", Path(tmp) / "models")
        bench_rules(options.rounds)
        bench_training(options.annotations)


if __name__ == "__main__":
    main()
