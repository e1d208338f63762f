"""The abstract job model every job kind's table extends: status, claim, heartbeat, timing."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class JobStatus(models.TextChoices):
    """Lifecycle of a job: queued → running → done or failed (a failed job may be queued again)."""

    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class Job(models.Model):
    """Fields shared by every job kind; progress fields belong to each kind's own model.

    ``owner`` names the process that holds the claim (``host:pid`` or a worker's name) and
    ``heartbeat_at`` is written, by the database clock, with every committed batch. A running
    job whose heartbeat is older than ``WORKBENCH_JOB_STALE_SECONDS`` may be claimed again.
    """

    status = models.CharField(
        _("status"), max_length=16, choices=JobStatus.choices, default=JobStatus.QUEUED
    )
    error = models.TextField(_("error"), blank=True)
    owner = models.CharField(
        _("claimed by"), max_length=200, blank=True, help_text=_("host:pid or worker name")
    )
    attempts = models.PositiveIntegerField(_("claims"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    queued_at = models.DateTimeField(_("queued at"), default=timezone.now)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    heartbeat_at = models.DateTimeField(_("last progress at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        abstract = True
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=JobStatus.values), name="%(class)s_status_valid"
            ),
        ]
        indexes = [models.Index(fields=["status", "queued_at"], name="%(class)s_queue")]
