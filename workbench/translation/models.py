"""Translations of segments, the machine-output cache and background drafting jobs."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from workbench.corpus.models import Document, Segment
from workbench.jobs.models import Job


class Origin(models.TextChoices):
    """Where a translation's text came from."""

    MACHINE = "machine", _("Machine")
    MEMORY = "memory", _("Translation memory")
    HUMAN = "human", _("Human")


class Status(models.TextChoices):
    """Review state: ``draft`` → ``edited`` → ``approved``, or ``rejected``."""

    DRAFT = "draft", _("Draft")
    EDITED = "edited", _("Edited")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")


class Translation(models.Model):
    """The translation of one segment into one target language (at most one per pair)."""

    segment = models.ForeignKey(Segment, on_delete=models.CASCADE, related_name="translations")
    source = models.CharField(_("source language"), max_length=16)
    target = models.CharField(_("target language"), max_length=16)
    source_sha256 = models.CharField(_("SHA-256 of the source text"), max_length=64, db_index=True)
    text = models.TextField(_("text"))
    origin = models.CharField(_("origin"), max_length=16, choices=Origin.choices)
    engine = models.CharField(_("engine"), max_length=64, blank=True)
    package_code = models.CharField(_("package code"), max_length=200, blank=True)
    package_version = models.CharField(_("package version"), max_length=64, blank=True)
    pivot = models.CharField(_("pivot language"), max_length=16, blank=True)
    memory_of = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reused approved translation"),
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DRAFT
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("edited by"),
    )
    edited_at = models.DateTimeField(_("edited at"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reviewed by"),
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    version = models.PositiveIntegerField(_("version"), default=1)

    class Meta:
        # By the segment's id, not through Segment's own ordering (project, document, index):
        # that would join and sort every row on each list page.
        ordering = ["segment_id", "target"]
        verbose_name = _("translation")
        verbose_name_plural = _("translations")
        constraints = [
            models.UniqueConstraint(fields=["segment", "target"], name="translation_unique_target"),
            models.CheckConstraint(
                condition=Q(status__in=Status.values), name="translation_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(origin__in=Origin.values), name="translation_origin_valid"
            ),
            models.CheckConstraint(
                condition=~Q(origin=Origin.MACHINE) | ~Q(engine=""),
                name="translation_machine_has_engine",
            ),
            models.CheckConstraint(
                condition=~Q(source=models.F("target")), name="translation_target_differs"
            ),
            models.CheckConstraint(
                condition=~Q(status__in=[Status.APPROVED, Status.REJECTED])
                | Q(reviewed_at__isnull=False),
                name="translation_review_has_time",
            ),
            models.CheckConstraint(
                condition=Q(version__gte=1), name="translation_version_positive"
            ),
        ]
        indexes = [models.Index(fields=["target", "status"], name="translation_target_status")]

    def __str__(self) -> str:
        return f"{self.segment_id} → {self.target} ({self.status})"


class MachineCache(models.Model):
    """Engine output for one source text, keyed by the package that produced it."""

    source_sha256 = models.CharField(_("SHA-256 of the source text"), max_length=64)
    engine = models.CharField(_("engine"), max_length=64)
    package_code = models.CharField(_("package code"), max_length=200)
    package_version = models.CharField(_("package version"), max_length=64)
    source = models.CharField(_("source language"), max_length=16)
    target = models.CharField(_("target language"), max_length=16)
    text = models.TextField(_("machine output"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("cached machine translation")
        verbose_name_plural = _("cached machine translations")
        constraints = [
            models.UniqueConstraint(
                fields=["source_sha256", "engine", "package_code", "package_version", "target"],
                name="machinecache_unique_key",
            )
        ]

    def __str__(self) -> str:
        return f"{self.package_code} {self.package_version} → {self.target}"


class TranslationJob(Job):
    """Drafting a document's segments into a target language, batch by batch."""

    document = models.ForeignKey(
        Document, on_delete=models.CASCADE, related_name="translation_jobs"
    )
    source = models.CharField(
        _("source language"), max_length=16, blank=True, help_text=_("Empty: per segment.")
    )
    target = models.CharField(_("target language"), max_length=16)
    segment_ids = models.JSONField(_("segment ids"), default=list)
    done = models.PositiveIntegerField(_("segments processed"), default=0)
    total = models.PositiveIntegerField(_("segments"), default=0)
    drafted = models.PositiveIntegerField(_("drafts created"), default=0)
    skipped = models.PositiveIntegerField(_("segments skipped"), default=0)

    class Meta(Job.Meta):
        verbose_name = _("translation job")
        verbose_name_plural = _("translation jobs")
        constraints = [
            *Job.Meta.constraints,
            models.CheckConstraint(
                condition=Q(done__lte=models.F("total")), name="translationjob_done_le_total"
            ),
        ]

    def __str__(self) -> str:
        return f"#{self.pk} → {self.target} ({self.status} {self.done}/{self.total})"
