"""Reads for the browser pages: document lists with progress, and a document's workspace data.

Every function takes objects the caller has already checked access to (through
``workbench.corpus.access``). The workspace payload has the API's own shapes, read with
``values()``, so the browser sees one shape whether data arrives with the page or later from
the API.
"""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import Count, Exists, IntegerField, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from workbench.annotation.api.serializers import LabelTypeSerializer
from workbench.annotation.models import LINK_ENDPOINTS, Annotation, Link, LinkType
from workbench.annotation.models import Status as AnnotationStatus
from workbench.annotation.selectors import label_type_list
from workbench.audit.selectors import activity_cursor
from workbench.common.actor import Actor
from workbench.common.rows import timestamp
from workbench.corpus.models import Document, Project, Segment
from workbench.language.codes import SPECIAL_CODES, is_language_code
from workbench.review.models import Workload
from workbench.translation.models import Status as TranslationStatus
from workbench.translation.models import Translation
from workbench.translation.selectors import installed_pairs
from workbench.web.languages import OVERRIDE_CHOICES, language_names

#: Language filter values that are not language codes.
ANY_LANGUAGE = ""


def _count_of(segments: QuerySet[Segment]) -> Coalesce:
    """The number of ``segments`` (already correlated to the outer document), 0 when none."""
    counted = segments.order_by().values("document").annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def _count_of_annotations(annotations: QuerySet[Annotation]) -> Coalesce:
    """The number of ``annotations`` (correlated to the outer document), 0 when none."""
    counted = annotations.order_by().values("document").annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def document_progress_list(
    *, project: Project, search: str = "", language: str = ANY_LANGUAGE
) -> QuerySet[Document]:
    """A project's documents with their review progress, newest revisions included.

    Each document carries ``segment_total``, ``annotated_segments`` (segments touched by an
    accepted, live annotation), ``translated_segments`` (segments with an approved
    translation), ``pending_annotations`` (live annotations waiting for review) and
    ``annotators_needed`` (its workload, ``None`` when none is set). ``search`` matches the
    title or file name; ``language`` keeps documents with at least one segment in that
    effective language (``mixed`` included).
    """
    accepted = Annotation.objects.alive().filter(
        document_id=OuterRef("document_id"),
        status=AnnotationStatus.ACCEPTED,
        start__lt=OuterRef("end"),
        end__gt=OuterRef("start"),
    )
    own_segments = Segment.objects.filter(document=OuterRef("pk"))
    approved = Translation.objects.filter(segment=OuterRef("pk"), status=TranslationStatus.APPROVED)
    documents = (
        Document.objects.filter(project=project)
        .defer("text", "normalization")
        .annotate(
            segment_total=_count_of(own_segments),
            annotated_segments=_count_of(own_segments.filter(Exists(accepted))),
            translated_segments=_count_of(own_segments.filter(Exists(approved))),
            pending_annotations=_count_of_annotations(
                Annotation.objects.alive().filter(
                    document=OuterRef("pk"), status=AnnotationStatus.PENDING
                )
            ),
            annotators_needed=Subquery(
                Workload.objects.filter(document=OuterRef("pk")).values("annotators_needed")[:1]
            ),
        )
        .order_by("source_name", "revision")
    )
    if search:
        documents = documents.filter(Q(title__icontains=search) | Q(source_name__icontains=search))
    if language:
        in_language = Segment.objects.filter(document=OuterRef("pk")).in_language(language)
        documents = documents.filter(Exists(in_language))
    return documents


def project_languages(*, project: Project) -> list[str]:
    """The languages to filter a project's documents by: the effective segment languages
    present, and ``mixed`` always (a project with no mixed segment lists no document)."""
    present = Segment.objects.filter(document__project=project).effective_languages()
    return sorted({*present, "mixed"})


def project_targets(*, project: Project) -> list[str]:
    """Languages the project's segments are translated into, with English and Arabic."""
    used = (
        Translation.objects.filter(segment__document__project=project)
        .order_by()
        .values_list("target", flat=True)
        .distinct()
    )
    return sorted(set(used) | {"en", "ar"})


@dataclass(frozen=True)
class Permissions:
    """What the current user may do in a project, for the browser to show the right controls."""

    role: str
    can_review: bool
    can_moderate: bool


def permissions(*, actor: Actor) -> Permissions:
    """The actor's role in their project and what it allows."""
    return Permissions(
        role=actor.role or "", can_review=actor.is_reviewer, can_moderate=actor.is_moderator
    )


def workspace_target(document: Document, requested: str = "") -> str:
    """The language the workspace shows drafts in: the requested one when it is a language
    code, else English, or Arabic for an English document."""
    if requested and requested not in SPECIAL_CODES and is_language_code(requested):
        return requested
    return "ar" if document.language == "en" else "en"


def _when(value: datetime | None) -> str | None:
    """A datetime as the API writes it: ISO 8601 in UTC, with ``Z`` for the offset."""
    return timestamp(value)


def annotation_rows(queryset: QuerySet[Annotation]) -> list[dict[str, Any]]:
    """Annotations in the API's shape (``AnnotationSerializer``), read without model instances."""
    rows = queryset.values(
        "id", "document_id", "label_type_id", "label_type__name", "start", "end", "quote",
        "attributes", "author_id", "author__username", "status", "review_reason",
        "reviewed_by_id", "reviewed_at", "version", "created_at", "updated_at", "deleted_at",
        "deleted_by_id",
    )  # fmt: skip
    return [
        {
            "id": row["id"],
            "document": row["document_id"],
            "label_type": row["label_type_id"],
            "label_type_name": row["label_type__name"],
            "start": row["start"],
            "end": row["end"],
            "quote": row["quote"],
            "attributes": row["attributes"],
            "author": row["author_id"],
            "author_name": row["author__username"],
            "status": row["status"],
            "review_reason": row["review_reason"],
            "reviewed_by": row["reviewed_by_id"],
            "reviewed_at": _when(row["reviewed_at"]),
            "version": row["version"],
            "created_at": _when(row["created_at"]),
            "updated_at": _when(row["updated_at"]),
            "deleted_at": _when(row["deleted_at"]),
            "deleted_by": row["deleted_by_id"],
        }
        for row in rows
    ]


def segment_rows(queryset: QuerySet[Segment]) -> list[dict[str, Any]]:
    """Segments in the API's shape (``SegmentSerializer``) without their text, which the
    browser takes from the document's text by offsets."""
    rows = queryset.values(
        "id", "document_id", "index", "start", "end", "kind", "language", "languages", "runs",
        "confidence", "controls", "language_override", "override_by_id", "override_at",
    )  # fmt: skip
    return [
        {
            "id": row["id"],
            "document": row["document_id"],
            "index": row["index"],
            "start": row["start"],
            "end": row["end"],
            "kind": row["kind"],
            "language": row["language"],
            "languages": row["languages"],
            "runs": row["runs"],
            "confidence": row["confidence"],
            "controls": row["controls"],
            "language_override": row["language_override"],
            "override_by": row["override_by_id"],
            "override_at": _when(row["override_at"]),
            "effective_language": row["language_override"] or row["language"],
        }
        for row in rows
    ]


def translation_rows(queryset: QuerySet[Translation]) -> list[dict[str, Any]]:
    """Translations in the API's shape (``TranslationSerializer``)."""
    rows = queryset.values(
        "id", "segment_id", "source", "target", "text", "origin", "engine", "package_code",
        "package_version", "pivot", "memory_of_id", "status", "created_by__username",
        "created_at", "edited_by__username", "edited_at", "reviewed_by__username",
        "reviewed_at", "version",
    )  # fmt: skip
    return [
        {
            "id": row["id"],
            "segment": row["segment_id"],
            "source": row["source"],
            "target": row["target"],
            "text": row["text"],
            "origin": row["origin"],
            "engine": row["engine"],
            "package_code": row["package_code"],
            "package_version": row["package_version"],
            "pivot": row["pivot"],
            "memory_of": row["memory_of_id"],
            "status": row["status"],
            "created_by": row["created_by__username"],
            "created_at": _when(row["created_at"]),
            "edited_by": row["edited_by__username"],
            "edited_at": _when(row["edited_at"]),
            "reviewed_by": row["reviewed_by__username"],
            "reviewed_at": _when(row["reviewed_at"]),
            "version": row["version"],
        }
        for row in rows
    ]


def link_rows(queryset: QuerySet[Link]) -> list[dict[str, Any]]:
    """Links in the API's shape (``LinkSerializer``)."""
    rows = queryset.values(
        "id", "type", "source_id", "target_id", "source__document_id", "author_id", "created_at"
    )
    return [
        {
            "id": row["id"],
            "type": row["type"],
            "source": row["source_id"],
            "target": row["target_id"],
            "document": row["source__document_id"],
            "author": row["author_id"],
            "created_at": _when(row["created_at"]),
        }
        for row in rows
    ]


def workspace_payload(*, actor: Actor, document: Document, target: str) -> dict[str, Any]:
    """Everything the reader needs on first paint, in the API's own shapes.

    Rows are read with ``values()`` rather than through the API's serializers, which take
    seconds on a document of a thousand segments; tests check that both give the same data.
    """
    project = document.project
    allowed = permissions(actor=actor)
    annotations = (
        Annotation.objects.alive().filter(document=document).order_by("start", "end", "pk")
    )
    links = Link.objects.filter(
        source__document=document, source__deleted_at__isnull=True, target__deleted_at__isnull=True
    ).order_by("pk")
    translations = Translation.objects.filter(segment__document=document, target=target).order_by(
        "segment__index"
    )
    members = project.memberships.select_related("user").order_by("user__username")
    targets = sorted({pair.target for pair in installed_pairs()} | {"en", "ar"})
    segments = segment_rows(document.segments.order_by("index"))
    languages = {row["language"] for row in segments} | {
        row["effective_language"] for row in segments
    }
    return {
        "document": {
            "id": document.pk,
            "title": document.title,
            "project": project.pk,
            "language": document.language,
            "length": len(document.text),
            "text": document.text,
        },
        "me": {
            "id": actor.user_id,
            "username": actor.user.get_username() if actor.user is not None else "",
            "role": allowed.role,
            "can_review": allowed.can_review,
            "can_moderate": allowed.can_moderate,
        },
        "members": [{"id": m.user_id, "username": m.user.get_username()} for m in members],
        "label_types": LabelTypeSerializer(label_type_list(active_only=True), many=True).data,
        "link_types": [
            {"type": kind, "label": str(LinkType(kind).label), "source": ends[0], "target": ends[1]}
            for kind, ends in LINK_ENDPOINTS.items()
        ],
        "activity_cursor": activity_cursor(project_id=project.pk),
        "segments": segments,
        "annotations": annotation_rows(annotations),
        "links": link_rows(links),
        "target": target,
        "targets": targets,
        "translations": translation_rows(translations),
        "language_choices": list(OVERRIDE_CHOICES),
        "language_names": language_names(languages | set(targets)),
    }
