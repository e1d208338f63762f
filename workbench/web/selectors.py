"""Reads for the browser pages: document lists with progress, and a document's workspace data.

Every function takes objects the caller has already checked access to (through
``workbench.corpus.access``); the workspace payload uses the API's own serializers so the
browser sees one shape whether data arrives with the page or later from the API.
"""

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Exists, IntegerField, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from workbench.annotation.api.serializers import (
    AnnotationSerializer,
    LabelTypeSerializer,
    LinkSerializer,
)
from workbench.annotation.models import LINK_ENDPOINTS, Annotation, Link, LinkType
from workbench.annotation.models import Status as AnnotationStatus
from workbench.annotation.selectors import label_type_list
from workbench.audit.selectors import activity_cursor
from workbench.corpus.access import User, user_role
from workbench.corpus.api.serializers import SegmentSerializer
from workbench.corpus.models import Document, Project, Role, Segment
from workbench.translation.api.serializers import TranslationSerializer
from workbench.translation.models import Status as TranslationStatus
from workbench.translation.models import Translation
from workbench.translation.selectors import installed_pairs

#: Language filter values that are not language codes.
ANY_LANGUAGE = ""


def _count_of(segments: QuerySet[Segment]) -> Coalesce:
    """The number of ``segments`` (already correlated to the outer document), 0 when none."""
    counted = segments.order_by().values("document").annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def document_progress_list(
    *, project: Project, search: str = "", language: str = ANY_LANGUAGE
) -> QuerySet[Document]:
    """A project's documents with their review progress, newest revisions included.

    Each document carries ``segment_total``, ``annotated_segments`` (segments touched by an
    accepted, live annotation) and ``translated_segments`` (segments with an approved
    translation). ``search`` matches the title or file name; ``language`` keeps documents with
    at least one segment in that effective language (``mixed`` included).
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
        )
        .order_by("source_name", "revision")
    )
    if search:
        documents = documents.filter(Q(title__icontains=search) | Q(source_name__icontains=search))
    if language:
        in_language = Segment.objects.filter(document=OuterRef("pk")).filter(
            Q(language_override=language) | Q(language_override="", language=language)
        )
        documents = documents.filter(Exists(in_language))
    return documents


def project_languages(*, project: Project) -> list[str]:
    """The effective segment languages present in a project, for the language filter."""
    detected = set(
        Segment.objects.filter(document__project=project, language_override="")
        .order_by()
        .values_list("language", flat=True)
        .distinct()
    )
    overridden = set(
        Segment.objects.filter(document__project=project)
        .exclude(language_override="")
        .order_by()
        .values_list("language_override", flat=True)
        .distinct()
    )
    return sorted(detected | overridden)


@dataclass(frozen=True)
class Permissions:
    """What the current user may do in a project, for the browser to show the right controls."""

    role: str
    can_review: bool
    can_moderate: bool


def permissions(*, user: User, project: Project) -> Permissions:
    """The user's role in ``project`` and what it allows."""
    role = user_role(user, project.pk) or ""
    rank = Role.rank(role) if role else -1
    return Permissions(
        role=role,
        can_review=rank >= Role.rank(Role.REVIEWER),
        can_moderate=rank >= Role.rank(Role.MODERATOR),
    )


def default_target(document: Document) -> str:
    """The language drafts are shown in by default: English, or Arabic for English documents."""
    return "ar" if document.language == "en" else "en"


def workspace_payload(*, user: User, document: Document, target: str) -> dict[str, Any]:
    """Everything the reader needs on first paint, in the API's own shapes."""
    project = document.project
    allowed = permissions(user=user, project=project)
    segments = document.segments.order_by("index")
    annotations = (
        Annotation.objects.alive()
        .filter(document=document)
        .select_related("label_type", "author")
        .order_by("start", "end", "pk")
    )
    links = Link.objects.filter(
        source__document=document, source__deleted_at__isnull=True, target__deleted_at__isnull=True
    ).select_related("source")
    translations = Translation.objects.filter(
        segment__document=document, target=target
    ).select_related("created_by", "edited_by", "reviewed_by")
    members = project.memberships.select_related("user").order_by("user__username")
    targets = sorted({pair.target for pair in installed_pairs()} | {"en", "ar"})
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
            "id": user.pk,
            "username": user.get_username(),
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
        "segments": SegmentSerializer(segments, many=True).data,
        "annotations": AnnotationSerializer(annotations, many=True).data,
        "links": LinkSerializer(links, many=True).data,
        "target": target,
        "targets": targets,
        "translations": TranslationSerializer(translations, many=True).data,
    }
