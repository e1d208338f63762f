"""Projects with role-based membership, imported documents and their segments."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q, Value
from django.db.models.functions import Coalesce, NullIf
from django.utils.translation import gettext_lazy as _

from workbench.common.roles import Role


class Project(models.Model):
    name = models.CharField(_("name"), max_length=200, unique=True)
    description = models.TextField(_("description"), blank=True)
    four_eyes_review = models.BooleanField(
        _("four-eyes review"),
        default=True,
        help_text=_(
            "Reviewers cannot accept or reject their own annotations or approve or reject "
            "their own translations."
        ),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, through="Membership", related_name="projects"
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("project")
        verbose_name_plural = _("projects")

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=16, choices=Role.choices, default=Role.ANNOTATOR)
    created_at = models.DateTimeField(_("added at"), auto_now_add=True)

    class Meta:
        ordering = ["project", "user"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["project", "user"], name="membership_unique_user"),
            models.CheckConstraint(condition=Q(role__in=Role.values), name="membership_role_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.project} · {self.role}"


class Document(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(_("title"), max_length=300)
    source_name = models.CharField(_("source file name"), max_length=255)
    revision = models.PositiveIntegerField(_("revision"), default=1)
    previous = models.OneToOneField(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="next_revision",
        verbose_name=_("previous revision"),
    )
    text = models.TextField(_("text"))
    sha256 = models.CharField(_("SHA-256 of the text"), max_length=64)
    normalization = models.JSONField(_("changes made on import"), default=list, blank=True)
    language = models.CharField(_("dominant language"), max_length=16, blank=True)
    imported_at = models.DateTimeField(_("imported at"), auto_now_add=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["project", "source_name", "revision"]
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        constraints = [
            models.UniqueConstraint(fields=["project", "sha256"], name="document_unique_text"),
            models.UniqueConstraint(
                fields=["project", "source_name", "revision"], name="document_unique_revision"
            ),
        ]

    def __str__(self) -> str:
        return self.title


class SegmentQuerySet(models.QuerySet):
    """Segments, with the reviewer's override taking the place of the detected language."""

    def in_language(self, language: str) -> "SegmentQuerySet":
        """Segments whose effective language (the override when set, else the detected one)
        is ``language``."""
        return self.filter(
            Q(language_override=language) | Q(language_override="", language=language)
        )

    def effective_languages(self) -> list[str]:
        """The distinct effective languages of these segments, sorted."""
        effective = Coalesce(NullIf("language_override", Value("")), "language")
        values = (
            self.annotate(effective=effective)
            .order_by()
            .values_list("effective", flat=True)
            .distinct()
        )
        return sorted(value for value in values if value)


class Segment(models.Model):
    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="segments")
    index = models.PositiveIntegerField(_("index"))
    start = models.PositiveIntegerField(_("start"))
    end = models.PositiveIntegerField(_("end"))
    text = models.TextField(_("text"))
    kind = models.CharField(_("kind"), max_length=16, blank=True)
    language = models.CharField(_("language"), max_length=16, db_index=True)
    languages = models.JSONField(_("languages"), default=list)
    runs = models.JSONField(_("runs"), default=list)
    confidence = models.FloatField(_("confidence"), default=0.0)
    controls = models.JSONField(_("invisible control characters"), default=list, blank=True)
    language_override = models.CharField(_("language set by a reviewer"), max_length=16, blank=True)
    override_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    override_at = models.DateTimeField(_("overridden at"), null=True, blank=True)

    objects = SegmentQuerySet.as_manager()

    class Meta:
        ordering = ["document", "index"]
        verbose_name = _("segment")
        verbose_name_plural = _("segments")
        constraints = [
            models.UniqueConstraint(fields=["document", "index"], name="segment_unique_index"),
            models.CheckConstraint(
                condition=Q(start__gte=0) & Q(start__lt=F("end")), name="segment_offsets_ordered"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.document_id}#{self.index}"

    @property
    def effective_language(self) -> str:
        """The reviewer's override when there is one, otherwise the detected language."""
        return self.language_override or self.language
