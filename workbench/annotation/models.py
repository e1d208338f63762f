"""Label types, span annotations over document text, links between them and comments.

Offsets are Unicode code points into ``Document.text``. Annotations are written only through
``workbench.annotation.services``; every write there also records an audit entry
(``workbench.audit``).
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _

from workbench.corpus.models import Document

#: The default label type names, marked for translation so the interface can show them in Arabic.
DEFAULT_LABEL_NAMES = (gettext_noop("claim"), gettext_noop("stance"), gettext_noop("source"))


class LabelType(models.Model):
    """One kind of span in the taxonomy shared by every project (claim, stance, source...)."""

    name = models.SlugField(_("name"), max_length=50, unique=True)
    description = models.CharField(_("description"), max_length=300, blank=True)
    colour = models.CharField(
        _("colour"), max_length=7, help_text=_("A hex colour such as #1f77b4.")
    )
    shortcut = models.CharField(_("shortcut key"), max_length=1, blank=True)
    schema = models.JSONField(
        _("attribute schema"),
        default=dict,
        blank=True,
        help_text=_("A JSON Schema (draft 2020-12) that the attributes of each span must match."),
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("label type")
        verbose_name_plural = _("label types")
        constraints = [
            models.CheckConstraint(
                condition=Q(colour__regex=r"^#[0-9A-Fa-f]{6}$"), name="labeltype_colour_hex"
            ),
            models.UniqueConstraint(
                fields=["shortcut"], condition=~Q(shortcut=""), name="labeltype_unique_shortcut"
            ),
        ]

    def __str__(self) -> str:
        """The name in the interface language (the shipped types are in the catalog)."""
        return gettext(self.name)


class Status(models.TextChoices):
    """Review states: every annotation starts pending; a reviewer accepts or rejects it."""

    PENDING = "pending", _("Pending")
    ACCEPTED = "accepted", _("Accepted")
    REJECTED = "rejected", _("Rejected")


class AnnotationQuerySet(models.QuerySet):
    def alive(self) -> "AnnotationQuerySet":
        """Annotations that are not soft-deleted."""
        return self.filter(deleted_at__isnull=True)


class Annotation(models.Model):
    """A labelled span ``text[start:end]`` of a document, with its quote and attributes."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="annotations")
    label_type = models.ForeignKey(
        LabelType, on_delete=models.PROTECT, related_name="annotations", verbose_name=_("type")
    )
    start = models.PositiveIntegerField(_("start"))
    end = models.PositiveIntegerField(_("end"))
    quote = models.TextField(_("quote"))
    attributes = models.JSONField(_("attributes"), default=dict, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="annotations",
        verbose_name=_("author"),
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PENDING
    )
    review_reason = models.TextField(_("review reason"), blank=True)
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
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    deleted_at = models.DateTimeField(_("deleted at"), null=True, blank=True)
    deleted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("deleted by"),
    )

    objects = AnnotationQuerySet.as_manager()

    class Meta:
        ordering = ["document", "start", "end", "pk"]
        verbose_name = _("annotation")
        verbose_name_plural = _("annotations")
        indexes = [
            models.Index(fields=["document", "start"], name="annotation_doc_start"),
            models.Index(fields=["status", "created_at"], name="annotation_status_age"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(start__gte=0) & Q(start__lt=F("end")),
                name="annotation_offsets_ordered",
            ),
            models.CheckConstraint(
                condition=Q(status__in=Status.values), name="annotation_status_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.label_type} [{self.start}:{self.end}] #{self.pk}"


class LinkType(models.TextChoices):
    """Relations between two annotations, each allowed between fixed label types."""

    ATTRIBUTED_TO = "attributed_to", _("attributed to")
    TOWARD = "toward", _("toward")
    SUPPORTS = "supports", _("supports")
    CONTRADICTS = "contradicts", _("contradicts")


# Label type names (source, target) each link type may join.
LINK_ENDPOINTS: dict[str, tuple[str, str]] = {
    LinkType.ATTRIBUTED_TO: ("claim", "source"),
    LinkType.TOWARD: ("stance", "claim"),
    LinkType.SUPPORTS: ("source", "claim"),
    LinkType.CONTRADICTS: ("source", "claim"),
}


class Link(models.Model):
    """A typed relation from one annotation to another of the same document."""

    type = models.CharField(_("type"), max_length=16, choices=LinkType.choices)
    source = models.ForeignKey(
        Annotation, on_delete=models.CASCADE, related_name="outgoing", verbose_name=_("source")
    )
    target = models.ForeignKey(
        Annotation, on_delete=models.CASCADE, related_name="incoming", verbose_name=_("target")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("author"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("link")
        verbose_name_plural = _("links")
        constraints = [
            models.UniqueConstraint(fields=["source", "target", "type"], name="link_unique"),
            models.CheckConstraint(condition=~Q(source=F("target")), name="link_not_self"),
            models.CheckConstraint(condition=Q(type__in=LinkType.values), name="link_type_valid"),
        ]

    def __str__(self) -> str:
        return f"#{self.source_id} {self.type} #{self.target_id}"


class Comment(models.Model):
    """One message in the discussion thread of an annotation (plain text, escaped on output)."""

    annotation = models.ForeignKey(Annotation, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("author"),
    )
    body = models.TextField(_("text"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")

    def __str__(self) -> str:
        return f"{self.author} on #{self.annotation_id}"
