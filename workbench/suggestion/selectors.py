"""Reads of the suggestion app: a document's suggestions (computed on demand from every
active recommender, merged, minus rejected and already annotated spans) and a project's
recommenders with their last training run.

A learned recommender is active in a project while its last trained model's self-evaluation
(mean overlap F1 over its labels) is at least ``WORKBENCH_SUGGESTION_MIN_F1``. Where its F1 on
a label beats the rules' on the same held-out texts, its suggestions for that label replace
the rules' overlapping ones.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings

from workbench.annotation.models import Annotation, LabelType
from workbench.common.actor import Actor
from workbench.corpus.models import Document, Role, Segment

from .evaluation import mean_f1
from .models import Decision, Outcome, SuggestionDecision, TrainingRun
from .recommenders.base import (
    Recommender,
    RecommenderContext,
    RecommenderUnavailable,
    TrainedModel,
)
from .recommenders.registry import get_recommenders

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class SuggestionLink:
    """A link of a suggestion: to another suggestion (``target``) or to an annotation."""

    type: str
    target: str = ""
    annotation: int | None = None


@dataclass
class Suggestion:
    """One suggested span of a document (offsets in code points of ``document.text``)."""

    document_id: int
    label: str
    label_type_id: int
    start: int
    end: int
    quote: str
    score: float
    recommenders: list[str]
    versions: dict[str, str]
    attributes: dict[str, Any] = field(default_factory=dict)
    links: list[SuggestionLink] = field(default_factory=list)

    @property
    def id(self) -> str:
        """The suggestion's id: its label and offsets, stable while the text is."""
        return suggestion_id(self.label, self.start, self.end)

    @property
    def model_version(self) -> str:
        """The versions of the recommenders that proposed it, ``name=version`` joined."""
        return ",".join(f"{name}={self.versions[name]}" for name in self.recommenders)


def suggestion_id(label: str, start: int, end: int) -> str:
    """The id of the suggestion of ``label`` over ``[start, end)``."""
    return f"{label}:{start}:{end}"


@dataclass(frozen=True)
class Active:
    """A recommender active in a project, with the context it proposes in."""

    recommender: Recommender
    context: RecommenderContext
    run: TrainingRun | None


def last_training_run(project_id: int, name: str) -> TrainingRun | None:
    """The project's last finished training run of recommender ``name`` that trained."""
    return (
        TrainingRun.objects.filter(project_id=project_id, recommender=name, outcome=Outcome.TRAINED)
        .order_by("-finished_at", "-pk")
        .first()
    )


def last_attempt(project_id: int, name: str) -> TrainingRun | None:
    """The project's most recent training run of ``name``, whatever its outcome."""
    return (
        TrainingRun.objects.filter(project_id=project_id, recommender=name).order_by("-pk").first()
    )


def run_is_shown(run: TrainingRun | None) -> bool:
    """Whether a trained model's self-evaluation is at or above the threshold."""
    if run is None:
        return False
    return mean_f1(run.evaluation) >= float(settings.WORKBENCH_SUGGESTION_MIN_F1)


def active_recommenders(project_id: int) -> list[Active]:
    """The recommenders that propose in the project now, in settings order."""
    active = []
    for recommender in get_recommenders():
        context = RecommenderContext(project_id=project_id)
        run = None
        if recommender.trainable:
            run = last_training_run(project_id, recommender.name)
            if not run_is_shown(run) or not run.model_path:
                continue
            model = TrainedModel(
                path=_model_path(run.model_path),
                version=run.model_version,
                checksum=run.model_checksum,
            )
            context = RecommenderContext(project_id=project_id, model=model)
        active.append(Active(recommender, context, run))
    return active


def _model_path(stored: str):
    from pathlib import Path

    path = Path(stored)
    return path if path.is_absolute() else settings.WORKBENCH_RECOMMENDER_MODELS_DIR / path


def _beaten_labels(active: Sequence[Active]) -> dict[str, set[str]]:
    """For each rules recommender, the labels on which a learned one evaluated better."""
    beaten: dict[str, set[str]] = {}
    for item in active:
        if item.run is None:
            continue
        for rules_name, figures in (item.run.baseline or {}).items():
            for label, mine in item.run.evaluation.items():
                theirs = figures.get(label)
                if theirs and mine["overlap"]["f1"] > theirs["overlap"]["f1"]:
                    beaten.setdefault(rules_name, set()).add(label)
    return beaten


def raw_suggestions(document: Document, segments: Sequence[Segment]) -> dict[str, Suggestion]:
    """Every active recommender's proposals for ``segments``, merged by span and label.

    A recommender that fails (a missing or corrupt model) is skipped with a logged warning.
    """
    label_types = {lt.name: lt for lt in LabelType.objects.filter(is_active=True)}
    active = active_recommenders(document.project_id)
    beaten = _beaten_labels(active)
    texts = [segment.text for segment in segments]
    by_recommender: list[tuple[Active, list[tuple[Suggestion, list[tuple[str, int]]]]]] = []
    for item in active:
        recommender = item.recommender
        try:
            proposals = recommender.propose(texts, item.context)
        except RecommenderUnavailable as exc:
            logger.warning("recommender %s skipped: %s", recommender.name, exc)
            continue
        version = recommender.version(item.context)
        found = []
        for segment, listed in zip(segments, proposals, strict=True):
            made: list[Suggestion | None] = []
            for proposal in listed:
                label_type = label_types.get(proposal.label)
                start, end = segment.start + proposal.start, segment.start + proposal.end
                if label_type is None or document.text[start:end] != proposal.quote:
                    made.append(None)
                    continue
                made.append(
                    Suggestion(
                        document_id=document.pk,
                        label=proposal.label,
                        label_type_id=label_type.pk,
                        start=start,
                        end=end,
                        quote=proposal.quote,
                        score=float(proposal.score),
                        recommenders=[recommender.name],
                        versions={recommender.name: version},
                        attributes=dict(proposal.attributes),
                    )
                )
            for proposal, suggestion in zip(listed, made, strict=True):
                if suggestion is None:
                    continue
                links = [
                    (link.type, made[link.target].id)
                    for link in proposal.links
                    if 0 <= link.target < len(made) and made[link.target] is not None
                ]
                found.append((suggestion, links))
        by_recommender.append((item, found))
    learned_spans: dict[str, list[tuple[int, int]]] = {}
    for item, found in by_recommender:
        if item.recommender.trainable:
            for suggestion, _links in found:
                learned_spans.setdefault(suggestion.label, []).append(
                    (suggestion.start, suggestion.end)
                )
    merged: dict[str, Suggestion] = {}
    links_of: dict[str, set[tuple[str, str]]] = {}
    for item, found in by_recommender:
        lost = beaten.get(item.recommender.name, set())
        for suggestion, links in found:
            if suggestion.label in lost and any(
                s < suggestion.end
                and suggestion.start < e
                and (s, e) != (suggestion.start, suggestion.end)
                for s, e in learned_spans.get(suggestion.label, [])
            ):
                continue
            key = suggestion.id
            current = merged.get(key)
            if current is None:
                merged[key] = suggestion
            else:
                for name in suggestion.recommenders:
                    if name not in current.recommenders:
                        current.recommenders.append(name)
                        current.versions[name] = suggestion.versions[name]
                if suggestion.score > current.score:
                    current.score = suggestion.score
                    current.attributes = suggestion.attributes or current.attributes
            links_of.setdefault(key, set()).update(links)
    for key, suggestion in merged.items():
        suggestion.links = [
            SuggestionLink(type=link_type, target=target)
            for link_type, target in sorted(links_of.get(key, ()))
            if target in merged
        ]
    return merged


def _segments(document: Document, segment_ids: Sequence[int] | None = None) -> list[Segment]:
    queryset = document.segments.order_by("index")
    if segment_ids is not None:
        queryset = queryset.filter(pk__in=list(segment_ids))
    return list(queryset)


def segments_covering(document: Document, start: int, end: int) -> list[Segment]:
    """The segments of ``document`` that overlap ``[start, end)``."""
    return list(document.segments.filter(start__lt=end, end__gt=start).order_by("index"))


def _settled(document: Document) -> tuple[set[tuple[int, int, int]], dict]:
    """Rejected spans ``(label type, start, end)`` and live annotations by label type."""
    rejected = set(
        SuggestionDecision.objects.filter(
            document=document, decision=Decision.REJECTED
        ).values_list("label_type_id", "start", "end")
    )
    annotated: dict[int, list[tuple[int, int, int]]] = {}
    for pk, label_type_id, start, end in (
        Annotation.objects.alive()
        .filter(document=document)
        .values_list("pk", "label_type_id", "start", "end")
    ):
        annotated.setdefault(label_type_id, []).append((start, end, pk))
    return rejected, annotated


def annotation_at(annotated: dict, suggestion: Suggestion, *, exact: bool) -> int | None:
    """The id of a live annotation of the suggestion's label at (or over) its span."""
    for start, end, pk in annotated.get(suggestion.label_type_id, []):
        if (start, end) == (suggestion.start, suggestion.end):
            return pk
    if exact:
        return None
    for start, end, pk in annotated.get(suggestion.label_type_id, []):
        if start < suggestion.end and suggestion.start < end:
            return pk
    return None


def document_suggestions(
    *,
    actor: Actor,
    document: Document,
    segment_ids: Sequence[int] | None = None,
    min_score: float = 0.0,
) -> list[Suggestion]:
    """The document's open suggestions, by position: not rejected, not over a live
    annotation of the same label; links to a suggestion that became an annotation point
    at the annotation (project members)."""
    actor.require(Role.ANNOTATOR, project_id=document.project_id)
    merged = raw_suggestions(document, _segments(document, segment_ids))
    return open_suggestions(document, merged, min_score=min_score)


def open_suggestions(
    document: Document, merged: dict[str, Suggestion], *, min_score: float = 0.0
) -> list[Suggestion]:
    """``merged`` less the rejected and the annotated, links resolved to annotations."""
    rejected, annotated = _settled(document)
    gone: dict[str, int | None] = {}
    for key, suggestion in merged.items():
        if (suggestion.label_type_id, suggestion.start, suggestion.end) in rejected:
            gone[key] = None
        else:
            pk = annotation_at(annotated, suggestion, exact=False)
            if pk is not None:
                gone[key] = annotation_at(annotated, suggestion, exact=True)
    result = []
    for key, suggestion in merged.items():
        if key in gone or suggestion.score < min_score:
            continue
        links = []
        for link in suggestion.links:
            if link.target not in gone:
                links.append(link)
            elif gone[link.target] is not None:
                links.append(SuggestionLink(type=link.type, annotation=gone[link.target]))
        suggestion.links = links
        result.append(suggestion)
    return sorted(result, key=lambda s: (s.start, s.end, s.label))


def project_recommenders(*, actor: Actor, project_id: int) -> list[dict[str, Any]]:
    """Each configured recommender with its labels, whether it trains, whether it is shown
    in the project and its last training run (project members)."""
    actor.require(Role.ANNOTATOR, project_id=project_id)
    rows = []
    for recommender in get_recommenders():
        run = last_attempt(project_id, recommender.name) if recommender.trainable else None
        trained = last_training_run(project_id, recommender.name) if recommender.trainable else None
        rows.append(
            {
                "name": recommender.name,
                "labels": list(recommender.labels),
                "trainable": recommender.trainable,
                "shown": run_is_shown(trained) if recommender.trainable else True,
                "version": trained.model_version
                if trained
                else (
                    ""
                    if recommender.trainable
                    else recommender.version(RecommenderContext(project_id=project_id))
                ),
                "last_run": run,
            }
        )
    return rows
