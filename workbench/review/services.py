"""Writes of the review loop: assignments, workloads, "Next document" and "My work" seen.

Each public function takes the door's ``Actor`` and checks its role without a query,
validates its input (``Invalid`` naming the field), writes and audits in one transaction.
"""

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.db import IntegrityError, transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from workbench.audit.models import AuditAction
from workbench.audit.services import audit_record
from workbench.common.actor import Actor
from workbench.common.errors import Conflict, Forbidden, Invalid, check_version
from workbench.corpus.access import user_role
from workbench.corpus.models import Document, Project, Role
from workbench.review.models import (
    MAX_ANNOTATORS,
    Assignment,
    AssignmentState,
    Workload,
    WorkSeen,
)
from workbench.review.snapshots import assignment_snapshot, workload_snapshot


def _member(project_id: int, user_id: Any) -> AbstractBaseUser:
    """The member ``user_id`` of the project, or ``Invalid`` on ``user`` saying they are not."""
    user = get_user_model().objects.filter(pk=user_id).first() if str(user_id).isdigit() else None
    if user is None or user_role(user, project_id) is None or not user.is_active:
        raise Invalid(
            _("Only members of this project can be assigned documents; add them first."),
            field="user",
        )
    return user


def assignment_create(*, actor: Actor, document: Document, user_id: Any) -> Assignment:
    """Assign ``document`` to the project member ``user_id`` (moderators)."""
    actor.require(Role.MODERATOR, project_id=document.project_id)
    user = _member(document.project_id, user_id)
    with transaction.atomic():
        if Assignment.objects.filter(document=document, user=user).exists():
            raise Invalid(
                _("%(name)s is assigned this document already.") % {"name": user.get_username()},
                field="user",
            )
        try:
            with transaction.atomic():
                assignment = Assignment.objects.create(
                    document=document, user=user, assigned_by=actor.user
                )
        except IntegrityError:
            raise Invalid(
                _("%(name)s is assigned this document already.") % {"name": user.get_username()},
                field="user",
            ) from None
        audit_record(
            project=document.project_id,
            subject=assignment,
            action=AuditAction.ASSIGN,
            actor=actor,
            after=assignment_snapshot(assignment),
        )
    return assignment


def assignment_delete(*, actor: Actor, assignment: Assignment) -> None:
    """Take an assignment back (moderators); the annotations made under it stay."""
    project_id = assignment.document.project_id
    actor.require(Role.MODERATOR, project_id=project_id)
    with transaction.atomic():
        audit_record(
            project=project_id,
            subject=assignment,
            action=AuditAction.UNASSIGN,
            actor=actor,
            before=assignment_snapshot(assignment),
        )
        assignment.delete()


def assignment_finish(
    *, actor: Actor, assignment: Assignment, version: int | None = None
) -> Assignment:
    """The assigned annotator marks the document finished (a moderator may do it for them)."""
    project_id = assignment.document.project_id
    actor.require(Role.ANNOTATOR, project_id=project_id)
    if not actor.owns(assignment.user_id) and not actor.is_moderator:
        raise Forbidden(_("Only the assigned annotator or a moderator may finish this document."))
    with transaction.atomic():
        current = Assignment.objects.select_for_update().get(pk=assignment.pk)
        if version is not None:
            check_version(current, version)
        if current.state == AssignmentState.FINISHED:
            raise Conflict(_("This document is marked finished already."), instance=current)
        before = assignment_snapshot(current)
        current.state = AssignmentState.FINISHED
        current.finished_at = timezone.now()
        current.version += 1
        current.save()
        audit_record(
            project=project_id,
            subject=current,
            action=AuditAction.FINISH,
            actor=actor,
            before=before,
            after=assignment_snapshot(current),
        )
    return current


def workload_set(*, actor: Actor, document: Document, annotators_needed: Any) -> Workload:
    """Say how many annotators ``document`` needs (moderators), from 1 to ``MAX_ANNOTATORS``."""
    actor.require(Role.MODERATOR, project_id=document.project_id)
    if (
        isinstance(annotators_needed, bool)
        or not isinstance(annotators_needed, int)
        or not 1 <= annotators_needed <= MAX_ANNOTATORS
    ):
        raise Invalid(
            _("Give a whole number of annotators from 1 to %(n)d.") % {"n": MAX_ANNOTATORS},
            field="annotators_needed",
        )
    with transaction.atomic():
        workload, created = Workload.objects.select_for_update().get_or_create(
            document=document, defaults={"annotators_needed": annotators_needed}
        )
        before = None if created else workload_snapshot(workload)
        if not created and workload.annotators_needed == annotators_needed:
            return workload
        workload.annotators_needed = annotators_needed
        workload.save()
        audit_record(
            project=document.project_id,
            subject=workload,
            action=AuditAction.WORKLOAD,
            actor=actor,
            before=before,
            after=workload_snapshot(workload),
        )
    return workload


def next_document(*, actor: Actor, project: Project) -> Assignment | None:
    """The actor's next document to annotate, or ``None`` when there is none.

    First the oldest of their open assignments; else a document whose workload still has an
    open place (fewer assignments than annotators needed) and that they are not assigned yet,
    which is then assigned to them (audited, with the actor as the one who assigned it).
    """
    actor.require(Role.ANNOTATOR, project_id=project.pk)
    open_assignment = (
        Assignment.objects.filter(
            document__project=project, user=actor.user, state=AssignmentState.ASSIGNED
        )
        .select_related("document")
        .order_by("created_at", "pk")
        .first()
    )
    if open_assignment is not None:
        return open_assignment
    with transaction.atomic():
        workloads = (
            Workload.objects.select_for_update()
            .filter(document__project=project)
            .exclude(document__assignments__user=actor.user)
            .order_by("document__source_name", "document__revision", "pk")
        )
        counted = {
            row["document"]: row["n"]
            for row in Assignment.objects.filter(document__project=project)
            .values("document")
            .annotate(n=Count("pk"))
        }
        for workload in workloads:
            if counted.get(workload.document_id, 0) < workload.annotators_needed:
                assignment = Assignment.objects.create(
                    document_id=workload.document_id, user=actor.user, assigned_by=actor.user
                )
                audit_record(
                    project=project.pk,
                    subject=assignment,
                    action=AuditAction.ASSIGN,
                    actor=actor,
                    after=assignment_snapshot(assignment),
                )
                return Assignment.objects.select_related("document").get(pk=assignment.pk)
    return None


def work_mark_seen(*, actor: Actor, project: Project) -> WorkSeen:
    """Record that the actor has looked at their work in ``project`` up to now."""
    actor.require(Role.ANNOTATOR, project_id=project.pk)
    seen, _created = WorkSeen.objects.update_or_create(
        project=project, user=actor.user, defaults={"seen_at": timezone.now()}
    )
    return seen
