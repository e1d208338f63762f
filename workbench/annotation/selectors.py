"""Reads of annotations, links, comments, history and agreement, scoped to what a user may see."""

from collections import defaultdict

from django.db.models import Exists, OuterRef, Q, QuerySet

from workbench.annotation.agreement import Agreement, agreement
from workbench.annotation.models import Annotation, Comment, LabelType, Link
from workbench.audit.models import AuditEntry
from workbench.audit.selectors import entry_list
from workbench.common.actor import Actor
from workbench.corpus.access import User, access_object, access_object_as, visible_projects
from workbench.corpus.models import Document, Segment


def label_type_list(*, active_only: bool = False) -> QuerySet[LabelType]:
    """The shared taxonomy, optionally only its active types."""
    queryset = LabelType.objects.order_by("name")
    return queryset.filter(is_active=True) if active_only else queryset


def annotation_list(*, user: User, include_deleted: bool = False) -> QuerySet[Annotation]:
    """Annotations in the projects visible to ``user``, live ones unless asked otherwise."""
    queryset = Annotation.objects.filter(document__project__in=visible_projects(user))
    if not include_deleted:
        queryset = queryset.alive()
    return queryset.select_related("label_type", "author").order_by(
        "document_id", "start", "end", "pk"
    )


def _annotations() -> QuerySet[Annotation]:
    return Annotation.objects.select_related(
        "document", "label_type", "author", "reviewed_by", "deleted_by"
    )


def access_annotation(*, user: User, annotation_id: object) -> tuple[Annotation, Actor]:
    """One annotation (deleted ones included) and ``user``'s actor in its project: 404
    unless ``user`` belongs to it."""
    return access_object(user, _annotations(), annotation_id, project="document.project_id")


def annotation_get_as(*, actor: Actor, annotation_id: object) -> Annotation:
    """One annotation of the actor's project (404 for another project's), with no new query
    for the role."""
    return access_object_as(actor, _annotations(), annotation_id, project="document.project_id")


def link_list(*, user: User) -> QuerySet[Link]:
    """Links between live annotations of the projects visible to ``user``."""
    return (
        Link.objects.filter(source__document__project__in=visible_projects(user))
        .filter(source__deleted_at__isnull=True, target__deleted_at__isnull=True)
        .select_related("source", "target")
        .order_by("pk")
    )


def access_link(*, user: User, link_id: object) -> tuple[Link, Actor]:
    """One link and ``user``'s actor in its project: 404 unless ``user`` belongs to it."""
    queryset = Link.objects.select_related("source__document", "target")
    return access_object(user, queryset, link_id, project="source.document.project_id")


def comment_list(*, annotation: Annotation) -> QuerySet[Comment]:
    """An annotation's comment thread, oldest first."""
    return annotation.comments.select_related("author").order_by("created_at", "pk")


def history_list(*, annotation: Annotation) -> QuerySet[AuditEntry]:
    """Audit entries of an annotation (edits, reviews, comments, links from it), oldest first."""
    return entry_list(subject=annotation)


def segment_language_q(language: str) -> Q:
    """Annotations whose span touches a segment in ``language`` (the reviewer's override wins)."""
    segments = Segment.objects.filter(
        document_id=OuterRef("document_id"),
        start__lt=OuterRef("end"),
        end__gt=OuterRef("start"),
    ).in_language(language)
    return Q(Exists(segments))


def document_agreement(
    *, document: Document, label_type_id: int | None = None
) -> dict[str, Agreement]:
    """Agreement per label type between the authors of the live annotations of ``document``.

    Each annotator's spans count whatever their review status (pending, accepted or rejected),
    so the figures do not change as reviewers work through them; deleted annotations are left
    out. Every author with at least one live annotation on the document takes part for every
    label type (with no spans where they marked none).
    """
    rows = (
        Annotation.objects.alive()
        .filter(document=document, author__isnull=False)
        .values_list("author__username", "label_type__name", "label_type_id", "start", "end")
    )
    annotators: set[str] = set()
    spans: dict[str, dict[str, list[tuple[int, int]]]] = defaultdict(lambda: defaultdict(list))
    for username, type_name, type_id, start, end in rows:
        annotators.add(username)
        if label_type_id is None or type_id == label_type_id:
            spans[type_name][username].append((start, end))
    types = label_type_list(active_only=True)
    if label_type_id is not None:
        types = LabelType.objects.filter(pk=label_type_id)
    length = len(document.text)
    ordered = sorted(annotators)
    return {
        label_type.name: agreement(
            {name: spans[label_type.name].get(name, []) for name in ordered}, length
        )
        for label_type in types
    }
