"""Writes of the suggestion app: accepting and rejecting suggestions, training runs.

Accepting a suggestion creates an ordinary pending annotation through
``annotation_create``, authored by the person who accepted it, with the suggestion's guessed
attributes and its links to spans already annotated; the audit entry names the recommenders
and model versions as its origin. Rejecting remembers the span and label, so it is never
proposed again. A training run is a job (``JOB_KIND``) that trains one learned recommender
on the project's accepted annotations and evaluates it on a held-out share.
"""

from __future__ import annotations

import hashlib
import logging
import math
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from workbench.annotation.models import Annotation, Status
from workbench.annotation.services import annotation_create, link_create
from workbench.audit.services import audit_record
from workbench.common.actor import Actor
from workbench.common.errors import Conflict, Invalid, NotFound, WorkbenchError
from workbench.corpus.models import Document, Project, Role, Segment
from workbench.jobs.models import JobStatus
from workbench.jobs.services import JobContext, job_submit

from .evaluation import evaluate
from .models import Decision, Outcome, SuggestionDecision, TrainingRun
from .recommenders.base import Example, RecommenderContext, RecommenderUnavailable
from .recommenders.registry import get_recommenders
from .selectors import (
    Suggestion,
    annotation_at,
    open_suggestions,
    raw_suggestions,
    segments_covering,
)

logger = logging.getLogger(__name__)

#: The name training runs are registered under in ``workbench.jobs``.
JOB_KIND = "suggestion-training"

#: The audit action of a rejected suggestion (the accepted ones are ``create`` entries).
REJECT_ACTION = "reject_suggestion"


def parse_suggestion_id(value: Any) -> tuple[str, int, int]:
    """``label:start:end`` → its parts, or ``Invalid`` on ``id``."""
    parts = str(value or "").split(":")
    if len(parts) == 3 and parts[1].isascii() and parts[2].isascii():
        label, start, end = parts
        if start.isdigit() and end.isdigit() and len(start) < 12 and len(end) < 12:
            return label, int(start), int(end)
    raise Invalid(_("A suggestion id reads label:start:end."), field="id")


def _find(
    document: Document, suggestion_id: Any, quote: Any
) -> tuple[Suggestion, dict[str, Suggestion]]:
    """The open suggestion ``suggestion_id`` of ``document`` and every proposal around it.

    A quote that no longer matches the text at those offsets is a 409, as is a suggestion
    already accepted or rejected; one no recommender proposes is a 404.
    """
    _label, start, end = parse_suggestion_id(suggestion_id)
    if not isinstance(quote, str) or document.text[start:end] != quote or end <= start:
        raise Conflict(_("The text at this suggestion has changed; reload the suggestions."))
    merged = raw_suggestions(document, segments_covering(document, start, end))
    suggestion = merged.get(suggestion_id)
    if suggestion is None:
        raise NotFound(_("No recommender proposes this suggestion now."))
    links = {key: list(value.links) for key, value in merged.items()}
    still_open = {s.id for s in open_suggestions(document, merged)}
    for key, value in merged.items():
        value.links = links[key]
    if suggestion.id not in still_open:
        raise Conflict(_("This suggestion was already accepted or rejected."))
    return suggestion, merged


def _origin(suggestion: Suggestion) -> dict[str, Any]:
    return {
        "suggestion": suggestion.id,
        "recommenders": list(suggestion.recommenders),
        "model_version": suggestion.model_version,
        "score": suggestion.score,
    }


def _decide(
    *, actor: Actor, document: Document, suggestion: Suggestion, decision: str, annotation=None
) -> SuggestionDecision:
    row, _created = SuggestionDecision.objects.update_or_create(
        document=document,
        label_type_id=suggestion.label_type_id,
        start=suggestion.start,
        end=suggestion.end,
        defaults={
            "quote": suggestion.quote,
            "decision": decision,
            "recommenders": ",".join(suggestion.recommenders)[:300],
            "model_version": suggestion.model_version[:100],
            "score": suggestion.score,
            "annotation": annotation,
            "decided_by": actor.user,
        },
    )
    return row


def _link_accepted(
    *,
    actor: Actor,
    document: Document,
    suggestion: Suggestion,
    annotation: Annotation,
    merged: dict[str, Suggestion],
) -> None:
    """Link the new annotation to the annotations its suggestion's links point at, and the
    annotations whose suggestions pointed at it."""
    annotated: dict[int, list[tuple[int, int, int]]] = {}
    for pk, label_type_id, start, end in (
        Annotation.objects.alive()
        .filter(document=document)
        .values_list("pk", "label_type_id", "start", "end")
    ):
        annotated.setdefault(label_type_id, []).append((start, end, pk))
    pairs: list[tuple[int, int, str]] = []
    for link in suggestion.links:
        target = merged.get(link.target)
        pk = annotation_at(annotated, target, exact=True) if target is not None else None
        if pk is not None:
            pairs.append((annotation.pk, pk, link.type))
    for other in merged.values():
        for link in other.links:
            if link.target == suggestion.id:
                pk = annotation_at(annotated, other, exact=True)
                if pk is not None and pk != annotation.pk:
                    pairs.append((pk, annotation.pk, link.type))
    for source_id, target_id, link_type in pairs:
        source = Annotation.objects.select_related("document", "label_type").get(pk=source_id)
        target = Annotation.objects.select_related("document", "label_type").get(pk=target_id)
        if not source.outgoing.filter(target=target, type=link_type).exists():
            link_create(actor=actor, source=source, target=target, link_type=link_type)


def suggestion_accept(
    *,
    actor: Actor,
    document: Document,
    suggestion_id: str,
    quote: str,
    attributes: dict[str, Any] | None = None,
) -> Annotation:
    """Turn an open suggestion into a pending annotation authored by ``actor``.

    ``attributes`` are merged over the guessed ones (a required attribute the recommender
    could not guess must be given, or the attribute schema refuses it with a 400).
    """
    actor.require(Role.ANNOTATOR, project_id=document.project_id)
    if attributes is not None and not isinstance(attributes, dict):
        raise Invalid(_("Attributes must be a JSON object."), field="attributes")
    suggestion, merged = _find(document, suggestion_id, quote)
    with transaction.atomic():
        annotation = annotation_create(
            actor=actor,
            document=document,
            label_type_id=suggestion.label_type_id,
            start=suggestion.start,
            end=suggestion.end,
            quote=suggestion.quote,
            attributes={**suggestion.attributes, **(attributes or {})},
            origin=_origin(suggestion),
        )
        _link_accepted(
            actor=actor,
            document=document,
            suggestion=suggestion,
            annotation=annotation,
            merged=merged,
        )
        _decide(
            actor=actor,
            document=document,
            suggestion=suggestion,
            decision=Decision.ACCEPTED,
            annotation=annotation,
        )
    return annotation


def suggestion_reject(
    *, actor: Actor, document: Document, suggestion_id: str, quote: str
) -> SuggestionDecision:
    """Remember that ``actor`` rejected the suggestion: its span and label are not proposed
    again in this document. The audit entry lets open workspaces drop it live."""
    actor.require(Role.ANNOTATOR, project_id=document.project_id)
    suggestion, _merged = _find(document, suggestion_id, quote)
    with transaction.atomic():
        row = _decide(
            actor=actor, document=document, suggestion=suggestion, decision=Decision.REJECTED
        )
        audit_record(
            project=document.project_id,
            subject=row,
            action=REJECT_ACTION,
            actor=actor,
            after={"document": document.pk, **_origin(suggestion)},
        )
    return row


@dataclass(frozen=True)
class BulkAccepted:
    """What ``suggestions_accept_above`` did: the annotations made, and the suggestions left
    for a person because a required attribute could not be guessed (with the reason)."""

    accepted: list[Annotation]
    skipped: list[tuple[Suggestion, str]]


def suggestions_accept_above(*, actor: Actor, document: Document, min_score: float) -> BulkAccepted:
    """Accept every open suggestion of ``document`` scored ``min_score`` or more."""
    actor.require(Role.ANNOTATOR, project_id=document.project_id)
    if isinstance(min_score, bool) or not isinstance(min_score, int | float):
        raise Invalid(_("The score must be a number from 0 to 1."), field="min_score")
    if not 0 <= min_score <= 1 or math.isnan(min_score):
        raise Invalid(_("The score must be a number from 0 to 1."), field="min_score")
    merged = raw_suggestions(document, list(document.segments.order_by("index")))
    wanted = open_suggestions(document, dict(merged), min_score=min_score)
    # Sources before claims, so each claim finds its source accepted and links to it.
    wanted.sort(key=lambda s: (s.label != "source", s.start))
    accepted, skipped = [], []
    for suggestion in wanted:
        try:
            with transaction.atomic():
                accepted.append(
                    suggestion_accept(
                        actor=actor,
                        document=document,
                        suggestion_id=suggestion.id,
                        quote=suggestion.quote,
                    )
                )
        except WorkbenchError as exc:
            skipped.append((suggestion, exc.message))
    return BulkAccepted(accepted=accepted, skipped=skipped)


# Training.


def _accepted_annotations(project_id: int, labels: Sequence[str]):
    return Annotation.objects.alive().filter(
        document__project_id=project_id, status=Status.ACCEPTED, label_type__name__in=labels
    )


def training_run_create(
    *,
    actor: Actor,
    project: Project,
    automatic: bool = False,
    submit: bool = True,
) -> list[TrainingRun]:
    """Queue one training run per trainable recommender (moderators; the system when it
    trains by itself). A recommender with a run queued or running gets no second one."""
    actor.require(Role.MODERATOR, project_id=project.pk)
    runs = []
    with transaction.atomic():
        for recommender in get_recommenders():
            if not recommender.trainable:
                continue
            busy = TrainingRun.objects.filter(
                project=project,
                recommender=recommender.name,
                status__in=[JobStatus.QUEUED, JobStatus.RUNNING],
            ).first()
            if busy is not None:
                runs.append(busy)
                continue
            run = TrainingRun.objects.create(
                project=project,
                recommender=recommender.name,
                automatic=automatic,
                created_by=actor.user,
            )
            runs.append(run)
            if submit:
                job_submit(kind=JOB_KIND, job_id=run.pk)
    return runs


def training_start_if_due(*, project_id: int) -> list[TrainingRun]:
    """Queue training runs by themselves once ``WORKBENCH_SUGGESTION_TRAIN_EVERY`` accepted
    annotations arrived since a recommender's last run (0 turns this off)."""
    every = int(settings.WORKBENCH_SUGGESTION_TRAIN_EVERY)
    if every <= 0:
        return []
    due = False
    for recommender in get_recommenders():
        if not recommender.trainable:
            continue
        last = (
            TrainingRun.objects.filter(project_id=project_id, recommender=recommender.name)
            .order_by("-pk")
            .first()
        )
        if last is not None and last.status in (JobStatus.QUEUED, JobStatus.RUNNING):
            continue
        seen = last.annotations_seen if last is not None else 0
        if _accepted_annotations(project_id, recommender.labels).count() - seen >= every:
            due = True
    if not due:
        return []
    project = Project.objects.get(pk=project_id)
    return training_run_create(
        actor=Actor.system("suggestion training"), project=project, automatic=True
    )


def _held_out(segment_id: int) -> float:
    """A fixed number in [0, 1) per segment, so a segment stays on its side of the split."""
    digest = hashlib.sha256(str(segment_id).encode()).digest()
    return int.from_bytes(digest[:4], "big") / 2**32


def training_examples(
    project_id: int, labels: Sequence[str]
) -> tuple[list[Example], list[Example], int]:
    """(training, held-out, accepted annotations) of the project for ``labels``.

    Each example is a segment holding an accepted annotation of those labels or a rejected
    suggestion (a negative), with its accepted spans in segment offsets.
    """
    annotations = list(
        _accepted_annotations(project_id, labels).values_list(
            "document_id", "label_type__name", "start", "end"
        )
    )
    rejected = list(
        SuggestionDecision.objects.filter(
            document__project_id=project_id,
            decision=Decision.REJECTED,
            label_type__name__in=labels,
        ).values_list("document_id", "start", "end")
    )
    documents = {row[0] for row in annotations} | {row[0] for row in rejected}
    segments: dict[int, list[Segment]] = {}
    for segment in Segment.objects.filter(document_id__in=documents).order_by(
        "document_id", "start"
    ):
        segments.setdefault(segment.document_id, []).append(segment)

    def owner(document_id: int, start: int, end: int) -> Segment | None:
        for segment in segments.get(document_id, []):
            if segment.start <= start and end <= segment.end:
                return segment
        return None

    spans: dict[int, list[tuple[str, int, int]]] = {}
    chosen: dict[int, Segment] = {}
    for document_id, label, start, end in annotations:
        segment = owner(document_id, start, end)
        if segment is not None:
            chosen[segment.pk] = segment
            spans.setdefault(segment.pk, []).append(
                (label, start - segment.start, end - segment.start)
            )
    for document_id, start, end in rejected:
        segment = owner(document_id, start, end)
        if segment is not None:
            chosen[segment.pk] = segment
    ordered = sorted(chosen.values(), key=lambda s: _held_out(s.pk))
    share = float(settings.WORKBENCH_SUGGESTION_HELD_OUT)
    count = (
        min(len(ordered) - 1, max(1, math.ceil(share * len(ordered)))) if len(ordered) > 1 else 0
    )
    examples = [
        Example(text=segment.text, spans=tuple(sorted(spans.get(segment.pk, []))))
        for segment in ordered
    ]
    return examples[count:], examples[:count], len(annotations)


def _scores(recommender, examples: Sequence[Example], context: RecommenderContext) -> dict:
    proposals = recommender.propose([e.text for e in examples], context)
    pairs = [
        ([(p.label, p.start, p.end) for p in found if p.label in recommender.labels], e.spans)
        for e, found in zip(examples, proposals, strict=True)
    ]
    return evaluate(pairs, recommender.labels)


def training_run_execute(run: TrainingRun) -> TrainingRun:
    """Train ``run``'s recommender and fill in the run (without saving it).

    Too few accepted annotations (``WORKBENCH_SUGGESTION_MIN_TRAINING``) end the run as
    ``too_few`` with a message; the previous model stays in use.
    """
    recommender = next(
        (r for r in get_recommenders() if r.name == run.recommender and r.trainable), None
    )
    if recommender is None:
        raise RecommenderUnavailable(f"no trainable recommender {run.recommender!r}")
    began = time.perf_counter()
    training, held_out, seen = training_examples(run.project_id, recommender.labels)
    run.annotations_seen = seen
    needed = int(settings.WORKBENCH_SUGGESTION_MIN_TRAINING)
    if seen < needed or not training or not held_out:
        run.outcome = Outcome.TOO_FEW
        run.message = _(
            "Too few accepted annotations to train on: %(seen)d, at least %(needed)d are "
            "needed. The previous model stays in use."
        ) % {"seen": seen, "needed": needed}
        run.seconds = round(time.perf_counter() - began, 3)
        return run
    version = f"{run.pk}-{timezone.now():%Y%m%d%H%M%S}"
    relative = Path(str(run.project_id)) / recommender.name / f"{version}.model"
    path = settings.WORKBENCH_RECOMMENDER_MODELS_DIR / relative
    recommender.train(training, path)
    model = recommender.trained(path, version)
    context = RecommenderContext(project_id=run.project_id, model=model)
    run.evaluation = _scores(recommender, held_out, context)
    run.baseline = {
        other.name: _scores(other, held_out, RecommenderContext(project_id=run.project_id))
        for other in get_recommenders()
        if not other.trainable and set(other.labels) & set(recommender.labels)
    }
    run.training_size = sum(len(e.spans) for e in training)
    run.held_out_size = sum(len(e.spans) for e in held_out)
    run.model_version = version
    run.model_path = str(relative)
    run.model_checksum = model.checksum
    run.outcome = Outcome.TRAINED
    run.message = ""
    run.seconds = round(time.perf_counter() - began, 3)
    return run


_RESULT_FIELDS = (
    "outcome",
    "message",
    "model_version",
    "model_path",
    "model_checksum",
    "training_size",
    "held_out_size",
    "annotations_seen",
    "seconds",
    "evaluation",
    "baseline",
)


def training_job_run(*, job: TrainingRun, context: JobContext) -> None:
    """The training job kind: train outside any transaction, then store the results in one
    batch with the job's heartbeat."""
    training_run_execute(job)
    with context.batch() as locked:
        for name in _RESULT_FIELDS:
            setattr(locked, name, getattr(job, name))
        locked.save(update_fields=list(_RESULT_FIELDS))


def training_run_now(*, actor: Actor, project: Project) -> list[TrainingRun]:
    """Train every trainable recommender of ``project`` at once, in this process (the CLI)."""
    from workbench.jobs.services import job_run

    done = []
    for run in training_run_create(actor=actor, project=project, submit=False):
        finished = job_run(kind=JOB_KIND, job_id=run.pk, owner=f"cli {run.pk}")
        done.append(finished or TrainingRun.objects.get(pk=run.pk))
    return done
