"""Audit entries: one row per change to any object of a project, with values before and after.

Entries point at their object through a content type, so every app records into the same
trail with ``workbench.audit.services.audit_record``.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils.translation import gettext_lazy as _

from workbench.corpus.models import Project


class AuditAction(models.TextChoices):
    """What an audit entry records. Apps may record other short action names too."""

    CREATE = "create", _("created")
    EDIT = "edit", _("edited")
    REVIEW = "review", _("reviewed")
    DELETE = "delete", _("deleted")
    RESTORE = "restore", _("restored")
    COMMENT = "comment", _("commented")
    LINK = "link", _("linked")
    UNLINK = "unlink", _("unlinked")
    LANGUAGE = "language", _("set the language")
    DRAFT = "draft", _("drafted")
    RESUBMIT = "resubmit", _("resubmitted")
    ADJUDICATE = "adjudicate", _("adjudicated")
    ASSIGN = "assign", _("assigned")
    UNASSIGN = "unassign", _("unassigned")
    FINISH = "finish", _("finished")
    WORKLOAD = "workload", _("set the annotators needed")
    PURGE = "purge", _("deleted for good")


class AuditEntry(models.Model):
    """Who did what to which object of a project, and when, with the values before and after."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="audit_entries", verbose_name=_("project")
    )
    content_type = models.ForeignKey(
        ContentType, on_delete=models.PROTECT, verbose_name=_("object type")
    )
    object_id = models.PositiveBigIntegerField(_("object id"))
    subject = GenericForeignKey("content_type", "object_id")
    action = models.CharField(_("action"), max_length=32)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("actor"),
    )
    at = models.DateTimeField(_("at"), auto_now_add=True, db_index=True)
    before = models.JSONField(_("before"), null=True, blank=True, encoder=DjangoJSONEncoder)
    after = models.JSONField(_("after"), null=True, blank=True, encoder=DjangoJSONEncoder)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")
        indexes = [
            models.Index(fields=["content_type", "object_id"], name="audit_object"),
            # The activity feed: a project's entries after a cursor, in id order.
            models.Index(fields=["project", "id"], name="audit_project_feed"),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor} {self.action} {self.object_id}"
