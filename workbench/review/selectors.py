"""Reads of the review loop: the review queue with its context, assignments and "My work".

Callers pass objects they have checked access to (through ``workbench.corpus.access``).
"""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.contrib.contenttypes.models import ContentType
from django.db.models import QuerySet

from workbench.annotation.models import Annotation, Link, Status
from workbench.audit.changes import entry_changes
from workbench.audit.models import AuditAction, AuditEntry
from workbench.corpus.models import Document, Project, Segment
from workbench.language.direction import text_direction
from workbench.review.models import Assignment, AssignmentState, WorkSeen

#: Segments shown before and after the one that holds the span under review.
NEIGHBOURS = 1
#: The most entries "My work" lists at a time, newest first.
MY_WORK_LIMIT = 200


def review_queue(
    *,
    user: AbstractBaseUser,
    project: Project,
    document_id: int | None = None,
    label_type_id: int | None = None,
) -> QuerySet[Annotation]:
    """Live pending annotations of ``project`` in reading order, without the user's own.

    A reviewer never reviews their own annotations (four eyes), so the queue leaves them out.
    """
    queryset = (
        Annotation.objects.alive()
        .filter(document__project=project, status=Status.PENDING)
        .exclude(author_id=user.pk)
        .select_related("document", "label_type", "author")
        .order_by(
            "document__source_name", "document__revision", "document_id", "start", "end", "pk"
        )
    )
    if document_id is not None:
        queryset = queryset.filter(document_id=document_id)
    if label_type_id is not None:
        queryset = queryset.filter(label_type_id=label_type_id)
    return queryset


def _segment_row(segment: Segment, text: str, role: str) -> dict[str, Any]:
    body = text[segment.start : segment.end]
    return {
        "id": segment.pk,
        "index": segment.index,
        "start": segment.start,
        "end": segment.end,
        "kind": segment.kind,
        "text": body,
        "dir": text_direction(body),
        "runs": segment.runs,
        "effective_language": segment.language_override or segment.language,
        "role": role,
    }


def annotation_context(*, annotation: Annotation) -> dict[str, Any]:
    """The sentence around a span (its segments and their neighbours), its links and comments."""
    document = annotation.document
    text = document.text
    covering = list(
        document.segments.filter(start__lt=annotation.end, end__gt=annotation.start).order_by(
            "index"
        )
    )
    if not covering:
        covering = list(
            document.segments.filter(start__lte=annotation.start).order_by("-index")[:1]
        )
    first = covering[0].index if covering else 0
    last = covering[-1].index if covering else 0
    before = document.segments.filter(index__gte=first - NEIGHBOURS, index__lt=first)
    after = document.segments.filter(index__gt=last, index__lte=last + NEIGHBOURS)
    segments = (
        [_segment_row(s, text, "before") for s in before.order_by("index")]
        + [_segment_row(s, text, "span") for s in covering]
        + [_segment_row(s, text, "after") for s in after.order_by("index")]
    )
    links = []
    for link in (
        Link.objects.filter(source=annotation, target__deleted_at__isnull=True)
        .select_related("target__label_type")
        .order_by("pk")
    ):
        links.append(_link_row(link, link.target, "out"))
    for link in (
        Link.objects.filter(target=annotation, source__deleted_at__isnull=True)
        .select_related("source__label_type")
        .order_by("pk")
    ):
        links.append(_link_row(link, link.source, "in"))
    return {"segments": segments, "links": links}


def _link_row(link: Link, other: Annotation, direction: str) -> dict[str, Any]:
    return {
        "id": link.pk,
        "type": link.type,
        "direction": direction,
        "other": {"id": other.pk, "quote": other.quote, "label_type_name": other.label_type.name},
    }


def assignment_list(*, project: Project) -> QuerySet[Assignment]:
    """A project's assignments, by document then annotator."""
    return (
        Assignment.objects.filter(document__project=project)
        .select_related("document", "user", "assigned_by")
        .order_by("document__source_name", "document__revision", "user__username")
    )


#: Audit actions about assignments and workloads, shown on the project page.
ASSIGNMENT_ACTIONS = (
    AuditAction.ASSIGN,
    AuditAction.UNASSIGN,
    AuditAction.FINISH,
    AuditAction.WORKLOAD,
)


def assignment_activity(*, project: Project, limit: int = 20) -> list[AuditEntry]:
    """The project's latest audited assignment and workload changes, newest first, with the
    document and member each one concerns (``document_title``, ``username``) and the action's
    translated name (``action_label``)."""
    entries = list(
        AuditEntry.objects.filter(project=project, action__in=ASSIGNMENT_ACTIONS)
        .select_related("actor")
        .order_by("-pk")[:limit]
    )
    values = [entry.after or entry.before or {} for entry in entries]
    titles = dict(
        Document.objects.filter(pk__in={v.get("document") for v in values}).values_list(
            "pk", "title"
        )
    )
    names = dict(
        get_user_model()
        .objects.filter(pk__in={v.get("user") for v in values if v.get("user")})
        .values_list("pk", "username")
    )
    for entry, value in zip(entries, values, strict=True):
        entry.document_title = titles.get(value.get("document"), "")
        named = entry.action in (AuditAction.ASSIGN, AuditAction.UNASSIGN)
        entry.username = names.get(value.get("user"), "") if named else ""
        entry.annotators_needed = value.get("annotators_needed")
        entry.action_label = str(AuditAction(entry.action).label)
    return entries


def open_assignment(*, user: AbstractBaseUser, document: Document) -> Assignment | None:
    """The user's unfinished assignment of ``document``, if any."""
    return Assignment.objects.filter(
        document=document, user_id=user.pk, state=AssignmentState.ASSIGNED
    ).first()


def work_seen_at(*, user: AbstractBaseUser, project: Project) -> datetime | None:
    """When the user last marked their work in ``project`` as seen (``None``: never)."""
    return (
        WorkSeen.objects.filter(project=project, user_id=user.pk)
        .values_list("seen_at", flat=True)
        .first()
    )


@dataclass(frozen=True)
class WorkItem:
    """Something another member did to one of the user's annotations."""

    kind: str
    entry: AuditEntry
    annotation: Annotation
    reason: str
    comment: str
    changes: list[dict[str, Any]]


def _kind(entry: AuditEntry) -> str:
    if entry.action == AuditAction.REVIEW:
        return (entry.after or {}).get("status", "changed")
    if entry.action == AuditAction.COMMENT:
        return "commented"
    return "changed"


def my_work(
    *, user: AbstractBaseUser, project: Project, since: datetime | None = None
) -> list[WorkItem]:
    """What others did to the user's annotations in ``project`` after ``since``, newest first.

    Reviews (``rejected`` with the reason, or ``accepted``), comments (``commented``) and
    any other change (``changed``: edits, deletes, restores, links) made by someone else.
    """
    own = Annotation.objects.filter(document__project=project, author_id=user.pk)
    entries = (
        AuditEntry.objects.filter(
            project=project,
            content_type=ContentType.objects.get_for_model(Annotation),
            object_id__in=own.values("pk"),
        )
        .exclude(actor_id=user.pk)
        .select_related("actor")
        .order_by("-pk")
    )
    if since is not None:
        entries = entries.filter(at__gt=since)
    entries = list(entries[:MY_WORK_LIMIT])
    annotations = own.select_related("document", "label_type").in_bulk(
        {entry.object_id for entry in entries}
    )
    items = []
    for entry in entries:
        annotation = annotations.get(entry.object_id)
        if annotation is None:
            continue
        after = entry.after or {}
        items.append(
            WorkItem(
                kind=_kind(entry),
                entry=entry,
                annotation=annotation,
                reason=after.get("review_reason", "") if entry.action == AuditAction.REVIEW else "",
                comment=after.get("body", "") if entry.action == AuditAction.COMMENT else "",
                changes=entry_changes(entry.before, entry.after),
            )
        )
    return items
