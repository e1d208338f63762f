"""Recording audit entries: one call per change, inside the transaction that makes it.

``audit_record`` works for any model of any app; ``annotation_snapshot`` and ``link_snapshot``
give the JSON values stored as ``before`` and ``after`` for this app's objects.
"""

from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.contrib.contenttypes.models import ContentType
from django.db.models import Model

from workbench.annotation.models import Annotation, AuditEntry, Link
from workbench.corpus.models import Project


def audit_record(
    *,
    project: Project | int,
    subject: Model,
    action: str,
    actor: AbstractBaseUser | AnonymousUser | None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> AuditEntry:
    """Store who did ``action`` to ``subject`` in ``project`` with the values before and after."""
    project_id = project.pk if isinstance(project, Project) else project
    return AuditEntry.objects.create(
        project_id=project_id,
        content_type=ContentType.objects.get_for_model(subject, for_concrete_model=True),
        object_id=subject.pk,
        action=action,
        actor=actor if actor is not None and actor.is_authenticated else None,
        before=before,
        after=after,
    )


def _iso(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


def annotation_snapshot(annotation: Annotation) -> dict[str, Any]:
    """The values of an annotation that an edit, review, deletion or restore may change."""
    return {
        "label_type": annotation.label_type_id,
        "start": annotation.start,
        "end": annotation.end,
        "quote": annotation.quote,
        "attributes": annotation.attributes,
        "status": annotation.status,
        "review_reason": annotation.review_reason,
        "reviewed_by": annotation.reviewed_by_id,
        "reviewed_at": _iso(annotation.reviewed_at),
        "deleted_at": _iso(annotation.deleted_at),
        "deleted_by": annotation.deleted_by_id,
        "version": annotation.version,
    }


def link_snapshot(link: Link) -> dict[str, Any]:
    """A link as stored in the audit trail of its source annotation."""
    return {"link": link.pk, "type": link.type, "source": link.source_id, "target": link.target_id}
