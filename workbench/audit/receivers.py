"""Audit entries for changes made outside the services: hard deletes in the admin.

A hard delete is recorded in its project's trail (action ``purge``) with what was deleted and
how many rows went with it. A deleted project takes its trail with it, so its deletion, like
every hard delete, is also written to the ``workbench.audit`` log.
"""

import logging

from django.apps import apps
from django.contrib.auth.models import AbstractBaseUser
from django.contrib.contenttypes.models import ContentType

from workbench.audit.models import AuditAction, AuditEntry
from workbench.common.signals import HardDeletion
from workbench.corpus.models import Project

logger = logging.getLogger("workbench.audit")


def record_hard_deletes(
    sender: type, *, user: AbstractBaseUser, deletions: list[HardDeletion], **kwargs
) -> None:
    """Write one ``purge`` entry per deletion whose project still exists; log them all."""
    alive = set(
        Project.objects.filter(pk__in={d.project_id for d in deletions}).values_list(
            "pk", flat=True
        )
    )
    entries = []
    for deletion in deletions:
        logger.warning(
            "%s deleted %s #%s (%s) for good, with %s",
            user.get_username(),
            deletion.model,
            deletion.pk,
            deletion.name,
            deletion.removed,
        )
        if deletion.project_id not in alive:
            continue
        model = apps.get_model(deletion.model)
        entries.append(
            AuditEntry(
                project_id=deletion.project_id,
                content_type=ContentType.objects.get_for_model(model, for_concrete_model=True),
                object_id=deletion.pk,
                action=AuditAction.PURGE,
                actor=user if user.is_authenticated else None,
                before={"name": deletion.name, "removed": deletion.removed},
            )
        )
    AuditEntry.objects.bulk_create(entries)
