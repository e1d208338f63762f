"""Decisions on suggestions (accepted or rejected spans) and recommenders' training runs.

Suggestions themselves are not stored: they are computed on demand. What is stored is what
people decided about them, so a rejected span and label is never proposed again, and each
training run of a learned recommender with its self-evaluation.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from workbench.annotation.models import Annotation, LabelType
from workbench.corpus.models import Document, Project
from workbench.jobs.models import Job


class Decision(models.TextChoices):
    """What a person did with a suggestion."""

    ACCEPTED = "accepted", _("Accepted")
    REJECTED = "rejected", _("Rejected")


class SuggestionDecision(models.Model):
    """A person's decision on the suggested span ``document.text[start:end]`` with a label."""

    document = models.ForeignKey(
        Document, on_delete=models.CASCADE, related_name="suggestion_decisions"
    )
    label_type = models.ForeignKey(
        LabelType, on_delete=models.CASCADE, related_name="+", verbose_name=_("type")
    )
    start = models.PositiveIntegerField(_("start"))
    end = models.PositiveIntegerField(_("end"))
    quote = models.TextField(_("quote"))
    decision = models.CharField(_("decision"), max_length=16, choices=Decision.choices)
    recommenders = models.CharField(_("recommenders"), max_length=300)
    model_version = models.CharField(_("model version"), max_length=100, blank=True)
    score = models.FloatField(_("score"), default=0.0)
    annotation = models.ForeignKey(
        Annotation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("annotation"),
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided at"), auto_now_add=True)

    class Meta:
        ordering = ["document", "start", "end", "pk"]
        verbose_name = _("suggestion decision")
        verbose_name_plural = _("suggestion decisions")
        constraints = [
            models.CheckConstraint(
                condition=Q(start__gte=0) & Q(start__lt=F("end")),
                name="suggestiondecision_offsets_ordered",
            ),
            models.CheckConstraint(
                condition=Q(decision__in=Decision.values),
                name="suggestiondecision_decision_valid",
            ),
            models.UniqueConstraint(
                fields=["document", "label_type", "start", "end"],
                name="suggestiondecision_unique_span",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.decision} {self.label_type_id} [{self.start}:{self.end}]"


class Outcome(models.TextChoices):
    """How a training run ended."""

    PENDING = "", _("Not finished")
    TRAINED = "trained", _("Trained")
    TOO_FEW = "too_few", _("Too few annotations")


class TrainingRun(Job):
    """One training of a learned recommender on a project's accepted annotations.

    ``evaluation`` holds the self-evaluation on the held-out share, per label type name:
    ``{"claim": {"exact": {"precision", "recall", "f1", "support"}, "overlap": {...}}}``;
    ``baseline`` holds the same figures for the rules on the same held-out texts.
    """

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="training_runs", verbose_name=_("project")
    )
    recommender = models.CharField(_("recommender"), max_length=100)
    automatic = models.BooleanField(_("started automatically"), default=False)
    outcome = models.CharField(
        _("outcome"), max_length=16, choices=Outcome.choices, blank=True, default=Outcome.PENDING
    )
    message = models.TextField(_("message"), blank=True)
    model_version = models.CharField(_("model version"), max_length=100, blank=True)
    model_path = models.CharField(_("model file"), max_length=500, blank=True)
    model_checksum = models.CharField(_("model file SHA-256"), max_length=64, blank=True)
    training_size = models.PositiveIntegerField(_("annotations trained on"), default=0)
    held_out_size = models.PositiveIntegerField(_("annotations held out"), default=0)
    annotations_seen = models.PositiveIntegerField(_("accepted annotations seen"), default=0)
    seconds = models.FloatField(_("seconds taken"), default=0.0)
    evaluation = models.JSONField(_("self-evaluation"), default=dict, blank=True)
    baseline = models.JSONField(_("rules on the held-out share"), default=dict, blank=True)

    class Meta(Job.Meta):
        verbose_name = _("training run")
        verbose_name_plural = _("training runs")

    def __str__(self) -> str:
        return f"{self.recommender} in {self.project_id} ({self.model_version or self.status})"
