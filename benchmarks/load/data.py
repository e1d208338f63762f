"""Seeding and checking the load test's database (run by benchmarks/load_test.py).

``data.py seed --plan PLAN.json`` migrates the database named by ``DATABASE_URL`` and fills it:
distinct reviewer accounts, documents cut from the seed files (imported once through the real
pipeline, then copied with bulk inserts), and annotations with their audit entries. It writes
the plan the simulated reviewers follow.

``data.py verify --plan PLAN.json --acks ACKS.json [ACKS.json ...]`` waits for queued drafting
jobs and checks the invariants after the runs whose acknowledgements are given: every
acknowledged annotation is stored as acknowledged, every acknowledged review left its mark
exactly once (no lost update), and no segment has two drafts in one language. It prints the
results as JSON.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

import django

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
django.setup()

from django.apps import apps  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.contrib.auth.hashers import make_password  # noqa: E402
from django.contrib.contenttypes.models import ContentType  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.models import Count, Sum  # noqa: E402
from django.utils import timezone  # noqa: E402

from workbench.annotation.models import Annotation, LabelType, Status  # noqa: E402
from workbench.common.actor import Actor  # noqa: E402
from workbench.corpus.models import Document, Membership, Project, Role, Segment  # noqa: E402
from workbench.corpus.services import document_import  # noqa: E402
from workbench.jobs.models import JobStatus  # noqa: E402
from workbench.translation.models import Translation, TranslationJob  # noqa: E402

PASSWORD = "load-test-password"
ATTRIBUTES = {
    "claim": {"checkworthy": "yes"},
    "stance": {"polarity": "favor"},
    "source": {"kind": "person", "name": "A spokesperson"},
}
WORDS = re.compile(r"\w+")
#: Lines of a seed file per template document.
LINES_PER_TEMPLATE = 40
#: How many pending annotations every reviewer may review (contended on purpose).
HOT = 40


def _audit_model():
    """The audit entry model, wherever the audit trail lives."""
    return next(model for model in apps.get_models() if model.__name__ == "AuditEntry")


def _templates(rng: random.Random) -> list[tuple[Document, list[Segment]]]:
    """Seed-file chunks imported through the real import (segmentation, detection)."""
    project = Project.objects.create(name="Load test templates")
    templates = []
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        lines = path.read_text(encoding="utf-8").splitlines()
        for start in range(0, len(lines), LINES_PER_TEMPLATE):
            chunk = "\n".join(lines[start : start + LINES_PER_TEMPLATE]).strip()
            if len(chunk) < 200:
                continue
            name = f"{path.stem}-{start}.txt"
            document = document_import(
                actor=Actor.system("benchmark"), project=project, name=name, data=chunk.encode()
            ).document
            templates.append((document, list(document.segments.order_by("index"))))
    rng.shuffle(templates)
    return templates


def seed(args: argparse.Namespace) -> dict:
    rng = random.Random(20261201)
    started = time.monotonic()
    call_command("migrate", verbosity=0)
    call_command("load_fixtures", verbosity=0)
    label_types = {lt.name: lt for lt in LabelType.objects.filter(is_active=True)}
    project = Project.objects.create(name="Load test")
    hashed = make_password(PASSWORD)
    users = get_user_model().objects.bulk_create(
        [get_user_model()(username=f"reviewer{i:03d}", password=hashed) for i in range(args.users)]
    )
    Membership.objects.bulk_create(
        [Membership(project=project, user=user, role=Role.REVIEWER) for user in users]
    )
    templates = _templates(rng)
    documents, segments = [], []
    for i in range(args.documents):
        template, parts = templates[i % len(templates)]
        tail = f"Load test copy {i}."
        text = f"{template.text}\n\n{tail}"
        document = Document(
            project=project,
            title=template.title,
            source_name=f"load-{i:05d}.txt",
            text=text,
            sha256=hashlib.sha256(text.encode()).hexdigest(),
            language=template.language,
        )
        documents.append(document)
    Document.objects.bulk_create(documents, batch_size=500)
    for i, document in enumerate(documents):
        template, parts = templates[i % len(templates)]
        for part in parts:
            segments.append(
                Segment(
                    document=document,
                    index=part.index,
                    start=part.start,
                    end=part.end,
                    text=part.text,
                    kind=part.kind,
                    language=part.language,
                    languages=part.languages,
                    runs=part.runs,
                    confidence=part.confidence,
                    controls=part.controls,
                )
            )
        tail_start = len(template.text) + 2
        tail = document.text[tail_start:]
        segments.append(
            Segment(
                document=document,
                index=len(parts),
                start=tail_start,
                end=len(document.text),
                text=tail,
                kind="sentence",
                language="en",
                languages=["en"],
                runs=[{"start": 0, "end": len(tail), "language": "en", "script": "Latn"}],
                confidence=1.0,
            )
        )
    Segment.objects.bulk_create(segments, batch_size=2000)
    by_document = defaultdict(list)
    for segment in segments:
        by_document[segment.document_id].append(segment)
    per_document = args.annotations // args.documents
    names = sorted(label_types)
    now = timezone.now()
    annotations = []
    for document in documents:
        for _ in range(per_document):
            segment = rng.choice(by_document[document.pk])
            words = list(WORDS.finditer(segment.text)) or [None]
            match = rng.choice(words)
            start, end = (
                (segment.start + match.start(), segment.start + match.end())
                if match
                else (segment.start, segment.end)
            )
            name = rng.choice(names)
            status = rng.choices(
                [Status.PENDING, Status.ACCEPTED, Status.REJECTED], weights=[7, 2, 1]
            )[0]
            reviewed = status != Status.PENDING
            annotations.append(
                Annotation(
                    document=document,
                    label_type=label_types[name],
                    start=start,
                    end=end,
                    quote=document.text[start:end],
                    attributes=ATTRIBUTES[name],
                    author=rng.choice(users),
                    status=status,
                    review_reason="Seeded." if status == Status.REJECTED else "",
                    reviewed_by=rng.choice(users) if reviewed else None,
                    reviewed_at=now if reviewed else None,
                )
            )
    Annotation.objects.bulk_create(annotations, batch_size=2000)
    audit = _audit_model()
    content_type = ContentType.objects.get_for_model(Annotation)
    audit.objects.bulk_create(
        [
            audit(
                project=project,
                content_type=content_type,
                object_id=annotation.pk,
                action="create",
                actor=annotation.author,
                after={"start": annotation.start, "end": annotation.end},
            )
            for annotation in annotations
        ],
        batch_size=2000,
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    hot_documents = [d.pk for d in documents[:5]]
    hot = list(
        Annotation.objects.filter(document_id__in=hot_documents, status=Status.PENDING)
        .order_by("pk")
        .values_list("pk", flat=True)[:HOT]
    )
    plan = {
        "project": project.pk,
        "documents": [d.pk for d in documents],
        "hot": hot,
        "usernames": [u.username for u in users],
        "password": PASSWORD,
        "label_types": {name: lt.pk for name, lt in label_types.items()},
        "last_activity": audit.objects.order_by("-pk").values_list("pk", flat=True).first(),
        "seeded": {
            "documents": Document.objects.filter(project=project).count(),
            "segments": Segment.objects.filter(document__project=project).count(),
            "annotations": Annotation.objects.filter(document__project=project).count(),
            "users": len(users),
            "seconds": round(time.monotonic() - started, 1),
        },
    }
    Path(args.plan).write_text(json.dumps(plan), encoding="utf-8")
    return plan["seeded"]


def _wait_for_jobs(timeout: float) -> int:
    """Wait until no drafting job is queued or running; returns how many still are."""
    deadline = time.monotonic() + timeout
    while True:
        busy = TranslationJob.objects.filter(
            status__in=[JobStatus.QUEUED, JobStatus.RUNNING]
        ).count()
        if not busy or time.monotonic() > deadline:
            return busy
        time.sleep(1)


def verify(args: argparse.Namespace) -> dict:
    plan = json.loads(Path(args.plan).read_text(encoding="utf-8"))
    acks: dict[str, list] = defaultdict(list)
    for path in args.acks:
        for key, rows in json.loads(Path(path).read_text(encoding="utf-8")).items():
            acks[key] += rows
    checks: dict[str, dict] = {}

    created = {row["id"]: row for row in acks["created"]}
    stored = {
        a.pk: a
        for a in Annotation.objects.filter(pk__in=list(created)).only(
            "pk", "document_id", "start", "end", "quote", "attributes"
        )
    }
    wrong = [
        pk
        for pk, row in created.items()
        if pk not in stored
        or (
            stored[pk].document_id,
            stored[pk].start,
            stored[pk].end,
            stored[pk].quote,
            stored[pk].attributes,
        )
        != (row["document"], row["start"], row["end"], row["quote"], row["attributes"])
    ]
    checks["acknowledged annotations stored"] = {
        "acknowledged": len(created),
        "missing_or_different": len(wrong),
        "ok": not wrong and len(created) == len(acks["created"]),
    }

    reviews = defaultdict(list)
    for row in acks["reviews"]:
        reviews[row["id"]].append(row)
    audit = _audit_model()
    audited = Counter(
        audit.objects.filter(
            content_type=ContentType.objects.get_for_model(Annotation),
            object_id__in=plan["hot"],
            action="review",
        ).values_list("object_id", flat=True)
    )
    lost = []
    for annotation in Annotation.objects.filter(pk__in=plan["hot"]):
        rows = sorted(reviews.get(annotation.pk, []), key=lambda r: r["version"])
        versions = [r["version"] for r in rows]
        expected_status = (
            None
            if not rows
            else (Status.ACCEPTED if rows[-1]["decision"] == "accept" else Status.REJECTED)
        )
        if (
            versions != list(range(2, 2 + len(rows)))
            or annotation.version != 1 + len(rows)
            or audited[annotation.pk] != len(rows)
            or (expected_status and annotation.status != expected_status)
        ):
            lost.append(annotation.pk)
    checks["no lost updates"] = {
        "acknowledged_reviews": len(acks["reviews"]),
        "intended_409s": len(acks["conflicts"]),
        "annotations_reviewed": len(reviews),
        "inconsistent": lost,
        "ok": not lost,
    }

    still_busy = _wait_for_jobs(args.job_timeout)
    duplicates = (
        Translation.objects.values("segment_id", "target")
        .annotate(n=Count("pk"))
        .filter(n__gt=1)
        .count()
    )
    jobs = TranslationJob.objects.filter(pk__in=acks["jobs"])
    drafted = jobs.aggregate(n=Sum("drafted"))["n"] or 0
    checks["no duplicate drafts"] = {
        "jobs": jobs.count(),
        "jobs_done": jobs.filter(status=JobStatus.DONE).count(),
        "jobs_unfinished": still_busy,
        "drafts": Translation.objects.count(),
        "drafted_by_jobs": drafted,
        "duplicates": duplicates,
        "ok": duplicates == 0
        and still_busy == 0
        and jobs.exclude(status=JobStatus.DONE).count() == 0
        and drafted == Translation.objects.count(),
    }
    return checks


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    seeding = commands.add_parser("seed")
    seeding.add_argument("--plan", required=True)
    seeding.add_argument("--documents", type=int, default=1000)
    seeding.add_argument("--annotations", type=int, default=50_000)
    seeding.add_argument("--users", type=int, default=50)
    checking = commands.add_parser("verify")
    checking.add_argument("--plan", required=True)
    checking.add_argument("--acks", required=True, nargs="+")
    checking.add_argument("--job-timeout", type=float, default=300)
    args = parser.parse_args()
    result = seed(args) if args.command == "seed" else verify(args)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
