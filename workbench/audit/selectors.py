"""Reads of the audit trail: one object's history and a project's activity feed."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Model, QuerySet

from workbench.audit.models import AuditEntry


def entry_list(*, subject: Model) -> QuerySet[AuditEntry]:
    """Audit entries recorded for ``subject``, oldest first."""
    return (
        AuditEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(subject, for_concrete_model=True),
            object_id=subject.pk,
        )
        .select_related("actor", "content_type")
        .order_by("at", "pk")
    )


def activity_list(*, project_id: int, after: int = 0) -> QuerySet[AuditEntry]:
    """A project's audit entries with an id above ``after``, in the order they were written.

    ``audit_record`` makes a project's entries commit in id order, so a client that polls
    with the last id it has seen gets every change exactly once: the feed a live view needs.
    """
    return (
        AuditEntry.objects.filter(project_id=project_id, pk__gt=after)
        .select_related("actor", "content_type")
        .order_by("pk")
    )


def activity_cursor(*, project_id: int) -> int:
    """The cursor of a project's newest activity: a live view starts polling after it."""
    newest = (
        AuditEntry.objects.filter(project_id=project_id)
        .order_by("-pk")
        .values_list("pk", flat=True)
        .first()
    )
    return newest or 0
