"""Who annotates which document, how many annotators a document needs, and when a member last
looked at their work.

Rows are written only through ``workbench.review.services``, which audits every change.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from workbench.corpus.models import Document, Project

#: The most annotators a moderator may ask for on one document.
MAX_ANNOTATORS = 20


class AssignmentState(models.TextChoices):
    """An assignment is open until its annotator marks the document finished."""

    ASSIGNED = "assigned", _("assigned")
    FINISHED = "finished", _("finished")


class Assignment(models.Model):
    """One member asked to annotate one document."""

    document = models.ForeignKey(
        Document, on_delete=models.CASCADE, related_name="assignments", verbose_name=_("document")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="assignments",
        verbose_name=_("annotator"),
    )
    state = models.CharField(
        _("state"), max_length=16, choices=AssignmentState.choices, default=AssignmentState.ASSIGNED
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("assigned by"),
    )
    created_at = models.DateTimeField(_("assigned at"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    version = models.PositiveIntegerField(_("version"), default=1)

    class Meta:
        ordering = ["document", "user"]
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        constraints = [
            models.UniqueConstraint(fields=["document", "user"], name="assignment_unique_user"),
            models.CheckConstraint(
                condition=Q(state__in=AssignmentState.values), name="assignment_state_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.document} · {self.state}"


class Workload(models.Model):
    """How many annotators a document needs; "Next document" fills the open places."""

    document = models.OneToOneField(
        Document, on_delete=models.CASCADE, related_name="workload", verbose_name=_("document")
    )
    annotators_needed = models.PositiveSmallIntegerField(_("annotators needed"), default=1)

    class Meta:
        verbose_name = _("workload")
        verbose_name_plural = _("workloads")
        constraints = [
            models.CheckConstraint(
                condition=Q(annotators_needed__gte=1, annotators_needed__lte=MAX_ANNOTATORS),
                name="workload_annotators_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.document} × {self.annotators_needed}"


class WorkSeen(models.Model):
    """When a member last marked their work in a project as seen."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    seen_at = models.DateTimeField(_("seen at"))

    class Meta:
        verbose_name = _("work seen")
        verbose_name_plural = _("work seen")
        constraints = [
            models.UniqueConstraint(fields=["project", "user"], name="workseen_unique_user"),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.project} · {self.seen_at:%Y-%m-%d %H:%M}"
