"""Export speed and memory: 100,000 annotations over 1,000 documents, in every format.

Builds a temporary SQLite database with ``bulk_create`` (three projects of 100, 400 and 500
documents; each document has 100 segments alternating Arabic and English, one accepted
annotation and one approved translation per segment, and a link per ten annotations), then
exports 10k, 50k and 100k annotations (the first project, the first two, all three) in each
format. Every export runs in its own process, so its peak RSS is its own; rounds are
interleaved and medians shown. Flat memory means the peak barely moves from 10k to 100k.
The JSONL export is also compared, in the same rounds, with the same lines built from model
instances one document at a time (`orm-jsonl`).
"""

import argparse
import hashlib
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

PROJECTS = (("bench-a", 100), ("bench-b", 400), ("bench-c", 500))
SIZES = ((1, "10k"), (2, "50k"), (3, "100k"))
SEGMENTS_PER_DOCUMENT = 100
ANNOTATION_FORMATS = ("jsonl", "csv", "webannotation")
#: The same JSONL written the first way that comes to mind: model instances per document.
BASELINE = "orm-jsonl"
TRANSLATION_FORMATS = ("tmx", "xliff")
ALL_FORMATS = (BASELINE, *ANNOTATION_FORMATS, *TRANSLATION_FORMATS)
FORMAT_ORDER = {name: n for n, name in enumerate(ALL_FORMATS)}


def setup_django(db_path: Path, migrate: bool = False) -> None:
    os.environ["DATABASE_URL"] = f"sqlite:///{db_path}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "workbench.settings")
    import django

    django.setup()
    if migrate:
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        call_command("loaddata", str(ROOT / "fixtures" / "label_types.json"), verbosity=0)


def sentence(document: int, index: int) -> tuple[str, str, str]:
    """A segment's text, language and the claim word annotated in it."""
    if index % 2:
        text = f"قال الوزير إن الضرائب ستنخفض بنسبة {index} بالمئة في الوثيقة {document}."
        return text, "ar", "الضرائب"
    text = f"The minister said taxes will fall by {index} percent in file {document}."
    return text, "en", "taxes"


def build() -> None:
    """Fill the database with bulk_create; no services, no signals."""
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from workbench.annotation.models import Annotation, LabelType, Link, Status
    from workbench.corpus.models import Document, Project, Segment
    from workbench.translation.models import Origin, Translation
    from workbench.translation.models import Status as TranslationStatus

    users = get_user_model()
    author = users.objects.create(username="author")
    reviewer = users.objects.create(username="reviewer")
    claim = LabelType.objects.get(name="claim")
    now = timezone.now()
    number = 0
    for name, count in PROJECTS:
        project = Project.objects.create(name=name)
        documents, texts = [], []
        for _ in range(count):
            number += 1
            pieces = [sentence(number, index) for index in range(SEGMENTS_PER_DOCUMENT)]
            text = "\n\n".join(piece[0] for piece in pieces)
            texts.append(pieces)
            documents.append(
                Document(
                    project=project,
                    title=pieces[0][0],
                    source_name=f"{name}-{number}.txt",
                    text=text,
                    sha256=hashlib.sha256(text.encode()).hexdigest(),
                    language="ar",
                )
            )
        documents = Document.objects.bulk_create(documents, batch_size=200)
        segments, annotations = [], []
        for document, pieces in zip(documents, texts, strict=True):
            offset = 0
            for index, (body, language, word) in enumerate(pieces):
                script = "Arab" if language == "ar" else "Latn"
                segments.append(
                    Segment(
                        document=document,
                        index=index,
                        start=offset,
                        end=offset + len(body),
                        text=body,
                        kind="sentence",
                        language=language,
                        languages=[language],
                        runs=[
                            {"start": 0, "end": len(body), "language": language, "script": script}
                        ],
                        confidence=0.99,
                    )
                )
                start = offset + body.index(word)
                annotations.append(
                    Annotation(
                        document=document,
                        label_type=claim,
                        start=start,
                        end=start + len(word),
                        quote=word,
                        attributes={"checkworthy": "yes", "topic": "الضرائب"},
                        author=author,
                        status=Status.ACCEPTED,
                        reviewed_by=reviewer,
                        reviewed_at=now,
                    )
                )
                offset += len(body) + 2
        segments = Segment.objects.bulk_create(segments, batch_size=2000)
        annotations = Annotation.objects.bulk_create(annotations, batch_size=2000)
        Link.objects.bulk_create(
            [
                Link(type="supports", source=source, target=target, author=author)
                for source, target in zip(annotations[::10], annotations[1::10], strict=False)
            ],
            batch_size=2000,
        )
        Translation.objects.bulk_create(
            [
                Translation(
                    segment=segment,
                    source=segment.language,
                    target="fr",
                    source_sha256="0" * 64,
                    text=f"Traduction {segment.index}: le ministre a dit.",
                    origin=Origin.HUMAN,
                    status=TranslationStatus.APPROVED,
                    reviewed_by=reviewer,
                    reviewed_at=now,
                )
                for segment in segments
            ],
            batch_size=2000,
        )


def orm_jsonl(project_ids: tuple[int, ...]):
    """The baseline: the JSONL lines built from model instances, one document at a time."""
    from workbench.annotation.models import Link, Status
    from workbench.corpus.models import Document

    documents = Document.objects.filter(project_id__in=project_ids).select_related("project")
    for document in documents.order_by("project_id", "source_name", "revision", "pk").iterator(
        chunk_size=100
    ):
        annotations = list(
            document.annotations.alive()
            .filter(status=Status.ACCEPTED)
            .select_related("label_type", "author", "reviewed_by")
            .order_by("start", "end", "pk")
        )
        exported = {annotation.pk for annotation in annotations}
        links = Link.objects.filter(source__document=document).select_related("author")
        segments = document.segments.select_related("override_by").order_by("index")
        line = {
            "id": document.pk,
            "project": document.project.name,
            "source_name": document.source_name,
            "title": document.title,
            "revision": document.revision,
            "sha256": document.sha256,
            "language": document.language,
            "text": document.text,
            "label": [[a.start, a.end, a.label_type.name] for a in annotations],
            "annotations": [
                {
                    "id": a.pk,
                    "label": a.label_type.name,
                    "start": a.start,
                    "end": a.end,
                    "quote": a.quote,
                    "attributes": a.attributes,
                    "status": a.status,
                    "author": a.author.username if a.author else None,
                    "created_at": a.created_at.isoformat(),
                    "reviewed_by": a.reviewed_by.username if a.reviewed_by else None,
                    "reviewed_at": a.reviewed_at.isoformat() if a.reviewed_at else None,
                    "review_reason": a.review_reason,
                }
                for a in annotations
            ],
            "links": [
                {
                    "id": link.pk,
                    "type": link.type,
                    "source": link.source_id,
                    "target": link.target_id,
                    "author": link.author.username if link.author else None,
                }
                for link in links
                if link.source_id in exported and link.target_id in exported
            ],
            "segments": [
                {
                    "index": segment.index,
                    "start": segment.start,
                    "end": segment.end,
                    "kind": segment.kind,
                    "language": segment.language,
                    "languages": segment.languages,
                    "runs": segment.runs,
                    "language_override": segment.language_override,
                    "override_by": segment.override_by.username if segment.override_by else None,
                }
                for segment in segments
            ],
        }
        yield json.dumps(line, ensure_ascii=False) + "\n"


def child(db_path: Path, fmt: str, projects: int) -> None:
    """Export once and print seconds, rows, bytes and peak RSS as JSON."""
    setup_django(db_path)
    from workbench.corpus.models import Project
    from workbench.exchange import selectors
    from workbench.exchange.exporters import ANNOTATION_EXPORTERS, TRANSLATION_EXPORTERS
    from workbench.exchange.query import AnnotationQuery, TranslationQuery

    ids = tuple(
        Project.objects.filter(name__in=[p for p, _n in PROJECTS[:projects]]).values_list(
            "pk", flat=True
        )
    )
    if fmt in ANNOTATION_EXPORTERS or fmt == BASELINE:
        source = selectors.annotation_export_source(user=None, query=AnnotationQuery(projects=ids))
        rows = source.count()
        exporter = ANNOTATION_EXPORTERS.get(fmt)
        stream = exporter().stream(source) if exporter else orm_jsonl(ids)
    else:
        query = TranslationQuery(target="fr", projects=ids)
        source = selectors.translation_export_source(user=None, query=query)
        rows = source.translations().count()
        stream = TRANSLATION_EXPORTERS[fmt]().stream(source)
    baseline = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started, cpu_started = time.perf_counter(), time.process_time()
    size = 0
    for chunk in stream:
        size += len(chunk)
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    result = {"seconds": seconds, "cpu": cpu, "rows": rows, "chars": size}
    print(json.dumps({**result, "baseline_kb": baseline, "peak_kb": peak}))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--child", nargs=3, metavar=("DB", "FORMAT", "PROJECTS"))
    parser.add_argument("--db", type=Path, help="keep the database here (reused when it exists)")
    args = parser.parse_args()
    if args.child:
        db, fmt, projects = args.child
        child(Path(db), fmt, int(projects))
        return
    with tempfile.TemporaryDirectory() as tmp:
        db_path = args.db or Path(tmp) / "bench.sqlite3"
        started = time.perf_counter()
        exists = db_path.exists()
        setup_django(db_path, migrate=not exists)
        if not exists:
            build()
        took = time.perf_counter() - started
        print(f"database ready (1,000 documents, 100,000 annotations) in {took:.0f} s", flush=True)
        results: dict[tuple[str, str], list[dict]] = {}
        for _round in range(args.rounds):
            for fmt in ALL_FORMATS:
                for projects, label in SIZES:
                    output = subprocess.run(
                        [sys.executable, __file__, "--child", str(db_path), fmt, str(projects)],
                        check=True,
                        capture_output=True,
                        text=True,
                    ).stdout
                    results.setdefault((fmt, label), []).append(json.loads(output.splitlines()[-1]))
        load = os.getloadavg()[0]
        print(f"medians of {args.rounds} rounds, each export in a fresh process; load {load:.1f}")
        print(
            "| format | rows | rows/s (wall) | rows/s (CPU) | M chars | peak RSS MB | growth MB |"
        )
        print("|---|---:|---:|---:|---:|---:|---:|")
        ordered = sorted(results.items(), key=lambda item: FORMAT_ORDER[item[0][0]])
        for (fmt, label), runs in ordered:
            wall = statistics.median(run["rows"] / run["seconds"] for run in runs)
            cpu = statistics.median(run["rows"] / run["cpu"] for run in runs)
            peak = statistics.median(run["peak_kb"] for run in runs) / 1024
            growth = statistics.median(run["peak_kb"] - run["baseline_kb"] for run in runs) / 1024
            chars = runs[0]["chars"] / 1e6
            figures = f"{wall:,.0f} | {cpu:,.0f} | {chars:.1f} | {peak:.0f} | {growth:.1f}"
            print(f"| {fmt} | {label} | {figures} |")
        for _projects, label in SIZES:
            ratios = [
                ours["cpu"] and base["cpu"] / ours["cpu"]
                for base, ours in zip(
                    results[(BASELINE, label)], results[("jsonl", label)], strict=True
                )
            ]
            print(f"jsonl vs {BASELINE} at {label}: {statistics.median(ratios):.2f}x (CPU time)")


if __name__ == "__main__":
    main()
