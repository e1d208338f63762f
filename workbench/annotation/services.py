"""Writes to annotations, links and comments: check access, validate, write, audit.

Every public function here takes the door's ``Actor`` and checks, without a query, that its
role in the document's project allows the change; it then validates its
input (raising ``Invalid`` that names the field), makes the change and records an
audit entry with the values before and after, all in one transaction. Nothing else saves
annotations.
"""

from typing import Any

from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from workbench.annotation.models import (
    LINK_ENDPOINTS,
    Annotation,
    Comment,
    LabelType,
    Link,
    LinkType,
    Status,
)
from workbench.annotation.snapshots import annotation_snapshot, link_snapshot
from workbench.annotation.validation import (
    active_label_type,
    check_attributes,
    check_offsets,
    check_quote,
)
from workbench.audit.models import AuditAction
from workbench.audit.services import audit_record
from workbench.common.actor import Actor
from workbench.common.errors import Conflict, Forbidden, Invalid, check_version
from workbench.corpus.models import Document, Role, Segment
from workbench.language.codes import is_language_code

COMMENT_MAX_LENGTH = 10_000
REASON_MAX_LENGTH = 2_000


class Decision(models.TextChoices):
    """The two review decisions accepted by ``annotation_review``."""

    ACCEPT = "accept", _lazy("accept")
    REJECT = "reject", _lazy("reject")


def _project_id(annotation: Annotation) -> int:
    return annotation.document.project_id


def _lock(annotation: Annotation) -> Annotation:
    """Re-read the annotation inside the current transaction, locking its row and only its row.

    The lock is FOR NO KEY UPDATE of the annotation alone: its document and label type stay
    unlocked, and rows that reference it (comments) can still be inserted. PostgreSQL checks
    Django's foreign keys at commit, after the audit trail's project lock, so locking those
    rows too deadlocked concurrent creates and reviews (found by the load test).
    """
    return (
        Annotation.objects.select_for_update(no_key=True, of=("self",))
        .select_related("document", "label_type")
        .get(pk=annotation.pk)
    )


def _save_audited(
    annotation: Annotation, *, actor: Actor, action: str, before: dict[str, Any]
) -> None:
    """Bump the version, save, and record the change with its values before and after."""
    annotation.version += 1
    annotation.save()
    audit_record(
        project=annotation.document.project_id,
        subject=annotation,
        action=action,
        actor=actor,
        before=before,
        after=annotation_snapshot(annotation),
    )


def _check_alive(annotation: Annotation) -> None:
    if annotation.deleted_at is not None:
        raise Conflict(
            _("This annotation is deleted; a moderator can restore it."), instance=annotation
        )


def _check_may_change(actor: Actor, annotation: Annotation) -> None:
    """Authors change their own pending annotations; moderators change anything."""
    actor.require(Role.ANNOTATOR, project_id=_project_id(annotation))
    if actor.is_moderator:
        return
    if not actor.owns(annotation.author_id):
        raise Forbidden(_("Only its author or a moderator may change this annotation."))
    if annotation.status != Status.PENDING:
        raise Forbidden(_("Only a moderator may change an annotation after its review."))


def _check_links_allow(annotation: Annotation, label_type: LabelType) -> None:
    """A new label type must still fit every link the annotation takes part in."""
    for link in annotation.outgoing.all():
        if LINK_ENDPOINTS[link.type][0] != label_type.name:
            raise Invalid(
                _("A %(link)s link starts here, so the type must stay %(name)s.")
                % {"link": link.type, "name": LINK_ENDPOINTS[link.type][0]},
                field="label_type",
            )
    for link in annotation.incoming.all():
        if LINK_ENDPOINTS[link.type][1] != label_type.name:
            raise Invalid(
                _("A %(link)s link ends here, so the type must stay %(name)s.")
                % {"link": link.type, "name": LINK_ENDPOINTS[link.type][1]},
                field="label_type",
            )


def annotation_create(
    *,
    actor: Actor,
    document: Document,
    label_type_id: int,
    start: int,
    end: int,
    quote: str,
    attributes: dict[str, Any] | None = None,
) -> Annotation:
    """Create a pending annotation of ``document.text[start:end]`` authored by ``actor``."""
    actor.require(Role.ANNOTATOR, project_id=document.project_id)
    label_type = active_label_type(label_type_id)
    check_offsets(document.text, start, end)
    check_quote(document.text, start, end, quote)
    attributes = {} if attributes is None else attributes
    check_attributes(label_type, attributes)
    with transaction.atomic():
        annotation = Annotation.objects.create(
            document=document,
            label_type=label_type,
            start=start,
            end=end,
            quote=quote,
            attributes=attributes,
            author=actor.user,
        )
        audit_record(
            project=document.project_id,
            subject=annotation,
            action=AuditAction.CREATE,
            actor=actor,
            after=annotation_snapshot(annotation),
        )
    return annotation


def annotation_update(
    *,
    actor: Actor,
    annotation: Annotation,
    version: int | None,
    label_type_id: int | None = None,
    start: int | None = None,
    end: int | None = None,
    quote: str | None = None,
    attributes: dict[str, Any] | None = None,
) -> Annotation:
    """Change the given fields if ``version`` is current; a reviewed annotation becomes pending.

    Offsets and quote are checked together: moving the span needs the new ``quote`` too.
    A request that changes nothing leaves the version as it is.
    """
    actor.require(Role.ANNOTATOR, project_id=_project_id(annotation))
    with transaction.atomic():
        current = _lock(annotation)
        _check_may_change(actor, current)
        check_version(current, version)
        _check_alive(current)
        text = current.document.text
        label_type = (
            current.label_type if label_type_id is None else active_label_type(label_type_id)
        )
        new_start = current.start if start is None else start
        new_end = current.end if end is None else end
        check_offsets(text, new_start, new_end)
        new_quote = current.quote if quote is None else quote
        check_quote(text, new_start, new_end, new_quote)
        new_attributes = current.attributes if attributes is None else attributes
        check_attributes(label_type, new_attributes)
        if label_type.pk != current.label_type_id:
            _check_links_allow(current, label_type)
        changed = (
            label_type.pk != current.label_type_id
            or (new_start, new_end) != (current.start, current.end)
            or new_attributes != current.attributes
        )
        if not changed:
            return current
        before = annotation_snapshot(current)
        current.label_type = label_type
        current.start, current.end, current.quote = new_start, new_end, new_quote
        current.attributes = new_attributes
        if current.status != Status.PENDING:
            current.status = Status.PENDING
            current.review_reason = ""
            current.reviewed_by = None
            current.reviewed_at = None
        _save_audited(current, actor=actor, action=AuditAction.EDIT, before=before)
    return current


def annotation_review(
    *,
    actor: Actor,
    annotation: Annotation,
    decision: str,
    reason: str = "",
    version: int | None = None,
) -> Annotation:
    """Accept or reject an annotation (reviewers and moderators); rejecting needs a reason.

    ``version`` is optional here; when given it must be current.
    """
    actor.require(Role.REVIEWER, project_id=_project_id(annotation))
    if decision not in Decision.values:
        raise Invalid(
            _("The decision must be accept or reject, not %(value)r.") % {"value": decision},
            field="decision",
        )
    reason = (reason or "").strip()
    if decision == Decision.REJECT and not reason:
        raise Invalid(_("Say why the annotation is rejected."), field="reason")
    if len(reason) > REASON_MAX_LENGTH:
        raise Invalid(
            _("Keep the reason under %(n)d characters.") % {"n": REASON_MAX_LENGTH},
            field="reason",
        )
    with transaction.atomic():
        current = _lock(annotation)
        if version is not None:
            check_version(current, version)
        _check_alive(current)
        before = annotation_snapshot(current)
        current.status = Status.ACCEPTED if decision == Decision.ACCEPT else Status.REJECTED
        current.review_reason = reason
        current.reviewed_by = actor.user
        current.reviewed_at = timezone.now()
        _save_audited(current, actor=actor, action=AuditAction.REVIEW, before=before)
    return current


def annotation_delete(
    *, actor: Actor, annotation: Annotation, version: int | None = None
) -> Annotation:
    """Soft-delete: authors their own pending annotations, moderators any annotation."""
    actor.require(Role.ANNOTATOR, project_id=_project_id(annotation))
    with transaction.atomic():
        current = _lock(annotation)
        _check_may_change(actor, current)
        if version is not None:
            check_version(current, version)
        _check_alive(current)
        before = annotation_snapshot(current)
        current.deleted_at = timezone.now()
        current.deleted_by = actor.user
        _save_audited(current, actor=actor, action=AuditAction.DELETE, before=before)
    return current


def annotation_restore(*, actor: Actor, annotation: Annotation) -> Annotation:
    """Undo a soft delete (moderators only)."""
    actor.require(Role.MODERATOR, project_id=_project_id(annotation))
    with transaction.atomic():
        current = _lock(annotation)
        if current.deleted_at is None:
            raise Conflict(_("This annotation is not deleted."), instance=current)
        before = annotation_snapshot(current)
        current.deleted_at = None
        current.deleted_by = None
        _save_audited(current, actor=actor, action=AuditAction.RESTORE, before=before)
    return current


def comment_create(*, actor: Actor, annotation: Annotation, body: str) -> Comment:
    """Add a plain-text comment to an annotation's thread (any project member)."""
    actor.require(Role.ANNOTATOR, project_id=_project_id(annotation))
    body = (body or "").strip()
    if not body:
        raise Invalid(_("A comment needs some text."), field="body")
    if len(body) > COMMENT_MAX_LENGTH:
        raise Invalid(
            _("Keep comments under %(n)d characters.") % {"n": COMMENT_MAX_LENGTH}, field="body"
        )
    _check_alive(annotation)
    with transaction.atomic():
        comment = Comment.objects.create(annotation=annotation, author=actor.user, body=body)
        audit_record(
            project=_project_id(annotation),
            subject=annotation,
            action=AuditAction.COMMENT,
            actor=actor,
            after={"comment": comment.pk, "body": body},
        )
    return comment


def link_create(*, actor: Actor, source: Annotation, target: Annotation, link_type: str) -> Link:
    """Link two live annotations of one document, checking the endpoint types for ``link_type``."""
    actor.require(Role.ANNOTATOR, project_id=_project_id(source))
    actor.require(Role.ANNOTATOR, project_id=_project_id(target))
    if link_type not in LinkType.values:
        raise Invalid(
            _("Unknown link type %(type)r; use one of %(types)s.")
            % {"type": link_type, "types": ", ".join(LinkType.values)},
            field="type",
        )
    if source.document_id != target.document_id:
        raise Invalid(_("Both annotations must belong to the same document."), field="target")
    if source.pk == target.pk:
        raise Invalid(_("An annotation cannot be linked to itself."), field="target")
    for name, annotation in (("source", source), ("target", target)):
        if annotation.deleted_at is not None:
            raise Invalid(_("This annotation is deleted."), field=name)
    expected_source, expected_target = LINK_ENDPOINTS[link_type]
    if source.label_type.name != expected_source:
        raise Invalid(
            _("A %(link)s link starts at a %(expected)s, not a %(actual)s.")
            % {"link": link_type, "expected": expected_source, "actual": source.label_type.name},
            field="source",
        )
    if target.label_type.name != expected_target:
        raise Invalid(
            _("A %(link)s link ends at a %(expected)s, not a %(actual)s.")
            % {"link": link_type, "expected": expected_target, "actual": target.label_type.name},
            field="target",
        )
    with transaction.atomic():
        if Link.objects.filter(source=source, target=target, type=link_type).exists():
            raise Invalid(_("These annotations are linked like this already."), field="type")
        link = Link.objects.create(source=source, target=target, type=link_type, author=actor.user)
        audit_record(
            project=_project_id(source),
            subject=source,
            action=AuditAction.LINK,
            actor=actor,
            after=link_snapshot(link),
        )
    return link


def link_delete(*, actor: Actor, link: Link) -> None:
    """Remove a link: its author or a moderator may."""
    actor.require(Role.ANNOTATOR, project_id=_project_id(link.source))
    if not actor.is_moderator and not actor.owns(link.author_id):
        raise Forbidden(_("Only its author or a moderator may remove this link."))
    with transaction.atomic():
        audit_record(
            project=_project_id(link.source),
            subject=link.source,
            action=AuditAction.UNLINK,
            actor=actor,
            before=link_snapshot(link),
        )
        link.delete()


def segment_language_set(*, actor: Actor, segment: Segment, language: str) -> Segment:
    """Record a reviewer's language for a segment; an empty value clears the override.

    The change is audited, so it reaches the project's activity feed (and live views).
    """
    actor.require(Role.REVIEWER, project_id=segment.document.project_id)
    language = language.strip()
    if language and not is_language_code(language):
        raise Invalid(
            _("%(code)s is not a known language code.") % {"code": language},
            field="language_override",
        )
    before = {"language_override": segment.language_override}
    segment.language_override = language
    segment.override_by = actor.user if language else None
    segment.override_at = timezone.now() if language else None
    with transaction.atomic():
        segment.save(update_fields=["language_override", "override_by", "override_at"])
        audit_record(
            project=segment.document.project_id,
            subject=segment,
            action=AuditAction.LANGUAGE,
            actor=actor,
            before=before,
            after={"language_override": language},
        )
    return segment
