"""Recording audit entries: one call per change, inside the transaction that makes it.

The activity feed pages through a project's entries by id, so ids must become visible in the
order they were given out. On PostgreSQL two transactions may take ids 10 and 11 and commit
11 first; a client polling in between would move its cursor past 10 and never see it. Each
``audit_record`` therefore locks the project's row (``FOR NO KEY UPDATE``, which leaves inserts
that reference the project alone) until its transaction ends, so the entries of one project are
written one transaction after the other. SQLite has a single writer and needs no lock.
"""

from collections.abc import Callable, Sequence
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Model

from workbench.audit.models import AuditEntry
from workbench.common.actor import Actor
from workbench.corpus.models import Project


def audit_record(
    *,
    project: Project | int,
    subject: Model,
    action: str,
    actor: Actor,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> AuditEntry:
    """Store who did ``action`` to ``subject`` in ``project`` with the values before and after.

    Call it inside the transaction that makes the change; the project's entries are serialised
    from here to the end of that transaction.
    """
    project_id = project.pk if isinstance(project, Project) else project
    with transaction.atomic():
        _lock_project(project_id)
        return AuditEntry.objects.create(
            project_id=project_id,
            content_type=ContentType.objects.get_for_model(subject, for_concrete_model=True),
            object_id=subject.pk,
            action=action,
            actor=_person(actor),
            before=before,
            after=after,
        )


Values = dict[str, Any] | None


def audit_record_many(
    *,
    project: Project | int,
    subjects: Sequence[Model],
    action: str,
    actor: Actor,
    after: Callable[[Model], Values] | Sequence[Values],
    before: Callable[[Model], Values] | Sequence[Values] | None = None,
) -> list[AuditEntry]:
    """One entry per subject for a change made to many objects at once (a batch of drafts,
    an import), written together under the same project lock as ``audit_record``.

    ``after`` and ``before`` give each subject's values: a function of the subject, or a
    list in the order of ``subjects`` (when one subject has several entries, as an
    annotation with several new comments).
    """
    if not subjects:
        return []
    project_id = project.pk if isinstance(project, Project) else project
    person = _person(actor)
    afters = _values(after, subjects)
    befores = _values(before, subjects)
    with transaction.atomic():
        _lock_project(project_id)
        return AuditEntry.objects.bulk_create(
            AuditEntry(
                project_id=project_id,
                content_type=ContentType.objects.get_for_model(subject, for_concrete_model=True),
                object_id=subject.pk,
                action=action,
                actor=person,
                before=before_values,
                after=after_values,
            )
            for subject, before_values, after_values in zip(subjects, befores, afters, strict=True)
        )


def _values(
    given: Callable[[Model], Values] | Sequence[Values] | None, subjects: Sequence[Model]
) -> Sequence[Values]:
    if given is None:
        return [None] * len(subjects)
    if callable(given):
        return [given(subject) for subject in subjects]
    return given


def _lock_project(project_id: int) -> None:
    list(Project.objects.select_for_update(no_key=True).filter(pk=project_id).values("pk"))


def _person(actor: Actor) -> AbstractBaseUser | None:
    """The user an entry names: the acting user, or the one a system actor acts for."""
    user = actor.user
    return user if user is not None and user.is_authenticated else None
