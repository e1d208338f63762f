"""Writes to annotations, links and comments: check access, validate, write, audit.

Every public function here checks the actor's role in the document's project, validates its
input (raising ``Invalid`` that names the field), makes the change and records an
audit entry with the values before and after, all in one transaction. Nothing else saves
annotations.
"""

from typing import Any

from django.contrib.auth.models import AbstractBaseUser
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
from workbench.common.errors import Conflict, Forbidden, Invalid, check_version
from workbench.corpus.access import check_role
from workbench.corpus.models import Document, Role

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
    annotation: Annotation, *, actor: AbstractBaseUser, action: str, before: dict[str, Any]
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


def _check_may_change(actor: AbstractBaseUser, annotation: Annotation) -> None:
    """Authors change their own pending or rejected annotations; moderators change anything.

    A rejected annotation stays open to its author so it can be fixed and resubmitted; an
    accepted one is settled, and only a moderator may change it.
    """
    role = check_role(actor, _project_id(annotation), Role.ANNOTATOR)
    if role == Role.MODERATOR:
        return
    if annotation.author_id != actor.pk:
        raise Forbidden(_("Only its author or a moderator may change this annotation."))
    if annotation.status == Status.ACCEPTED:
        raise Forbidden(_("Only a moderator may change an annotation after it was accepted."))


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
    actor: AbstractBaseUser,
    document: Document,
    label_type_id: int,
    start: int,
    end: int,
    quote: str,
    attributes: dict[str, Any] | None = None,
) -> Annotation:
    """Create a pending annotation of ``document.text[start:end]`` authored by ``actor``."""
    check_role(actor, document.project_id, Role.ANNOTATOR)
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
            author=actor,
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
    actor: AbstractBaseUser,
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
    A request that changes nothing leaves the version as it is. When the author fixes a
    rejected annotation the change is audited as ``resubmit``: the annotation goes back to the
    review queue, and the earlier review stays in the history (the entry's ``before``).
    """
    check_role(actor, _project_id(annotation), Role.ANNOTATOR)
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
        action = AuditAction.EDIT
        if current.status == Status.REJECTED and current.author_id == actor.pk:
            action = AuditAction.RESUBMIT
        if current.status != Status.PENDING:
            current.status = Status.PENDING
            current.review_reason = ""
            current.reviewed_by = None
            current.reviewed_at = None
        _save_audited(current, actor=actor, action=action, before=before)
    return current


def annotation_review(
    *,
    actor: AbstractBaseUser,
    annotation: Annotation,
    decision: str,
    reason: str = "",
    version: int | None = None,
) -> Annotation:
    """Accept or reject an annotation (reviewers and moderators); rejecting needs a reason.

    ``version`` is optional here; when given it must be current.
    """
    check_role(actor, _project_id(annotation), Role.REVIEWER)
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
        current.reviewed_by = actor
        current.reviewed_at = timezone.now()
        _save_audited(current, actor=actor, action=AuditAction.REVIEW, before=before)
    return current


def annotation_delete(
    *, actor: AbstractBaseUser, annotation: Annotation, version: int | None = None
) -> Annotation:
    """Soft-delete: authors their own pending or rejected annotations, moderators any."""
    check_role(actor, _project_id(annotation), Role.ANNOTATOR)
    with transaction.atomic():
        current = _lock(annotation)
        _check_may_change(actor, current)
        if version is not None:
            check_version(current, version)
        _check_alive(current)
        before = annotation_snapshot(current)
        current.deleted_at = timezone.now()
        current.deleted_by = actor
        _save_audited(current, actor=actor, action=AuditAction.DELETE, before=before)
    return current


def annotation_restore(*, actor: AbstractBaseUser, annotation: Annotation) -> Annotation:
    """Undo a soft delete: moderators any, authors the deletes they made of their own."""
    role = check_role(actor, _project_id(annotation), Role.ANNOTATOR)
    with transaction.atomic():
        current = _lock(annotation)
        if current.deleted_at is None:
            raise Conflict(_("This annotation is not deleted."), instance=current)
        own_delete = current.author_id == actor.pk and current.deleted_by_id == actor.pk
        if role != Role.MODERATOR and not own_delete:
            raise Forbidden(_("Only a moderator may restore an annotation someone else deleted."))
        before = annotation_snapshot(current)
        current.deleted_at = None
        current.deleted_by = None
        _save_audited(current, actor=actor, action=AuditAction.RESTORE, before=before)
    return current


def comment_create(*, actor: AbstractBaseUser, annotation: Annotation, body: str) -> Comment:
    """Add a plain-text comment to an annotation's thread (any project member)."""
    check_role(actor, _project_id(annotation), Role.ANNOTATOR)
    body = (body or "").strip()
    if not body:
        raise Invalid(_("A comment needs some text."), field="body")
    if len(body) > COMMENT_MAX_LENGTH:
        raise Invalid(
            _("Keep comments under %(n)d characters.") % {"n": COMMENT_MAX_LENGTH}, field="body"
        )
    _check_alive(annotation)
    with transaction.atomic():
        comment = Comment.objects.create(annotation=annotation, author=actor, body=body)
        audit_record(
            project=_project_id(annotation),
            subject=annotation,
            action=AuditAction.COMMENT,
            actor=actor,
            after={"comment": comment.pk, "body": body},
        )
    return comment


def link_create(
    *, actor: AbstractBaseUser, source: Annotation, target: Annotation, link_type: str
) -> Link:
    """Link two live annotations of one document, checking the endpoint types for ``link_type``."""
    check_role(actor, _project_id(source), Role.ANNOTATOR)
    check_role(actor, _project_id(target), Role.ANNOTATOR)
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
        link = Link.objects.create(source=source, target=target, type=link_type, author=actor)
        audit_record(
            project=_project_id(source),
            subject=source,
            action=AuditAction.LINK,
            actor=actor,
            after=link_snapshot(link),
        )
    return link


def link_delete(*, actor: AbstractBaseUser, link: Link) -> None:
    """Remove a link: its author or a moderator may."""
    role = check_role(actor, _project_id(link.source), Role.ANNOTATOR)
    if role != Role.MODERATOR and link.author_id != actor.pk:
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


def annotation_adjudicate(
    *,
    actor: AbstractBaseUser,
    document: Document,
    versions: dict[int, int],
    choose: list[int],
    reason: str = "",
) -> list[Annotation]:
    """Settle a group of annotators' spans in one action (reviewers and moderators).

    ``versions`` names every annotation of the group with the version the reviewer saw;
    ``choose`` picks the one to accept, or several of one label type to merge into the first
    (its span grows to cover them all). The chosen annotation is accepted, every other one
    of the group rejected with ``reason``. A stale version (someone changed a span meanwhile)
    is a 409 and nothing changes. Four eyes: no annotation of the group may be the actor's.
    """
    check_role(actor, document.project_id, Role.REVIEWER)
    if not versions:
        raise Invalid(_("Name the annotations of the group with their versions."), field="versions")
    if not choose or not set(choose) <= set(versions):
        raise Invalid(_("Choose one or more annotations of the group."), field="choose")
    reason = (reason or "").strip() or _("Another annotator's span was kept in adjudication.")
    if len(reason) > REASON_MAX_LENGTH:
        raise Invalid(
            _("Keep the reason under %(n)d characters.") % {"n": REASON_MAX_LENGTH},
            field="reason",
        )
    with transaction.atomic():
        found = {
            annotation.pk: annotation
            for annotation in Annotation.objects.select_for_update(no_key=True, of=("self",))
            .select_related("document", "label_type")
            .filter(pk__in=list(versions), document=document)
        }
        missing = sorted(set(versions) - set(found))
        if missing:
            raise Invalid(
                _("Annotation %(id)s is not part of this document.") % {"id": missing[0]},
                field="versions",
            )
        for pk in sorted(found):
            check_version(found[pk], versions[pk])
            _check_alive(found[pk])
        if any(annotation.author_id == actor.pk for annotation in found.values()):
            raise Forbidden(
                _("One of these annotations is yours; another reviewer must adjudicate it.")
            )
        chosen = sorted((found[pk] for pk in set(choose)), key=lambda a: (a.start, a.end, a.pk))
        if len({annotation.label_type_id for annotation in chosen}) > 1:
            raise Invalid(_("Only spans of one label type can be merged."), field="choose")
        keeper = chosen[0]
        now = timezone.now()
        changed = []
        for annotation in sorted(found.values(), key=lambda a: a.pk):
            before = annotation_snapshot(annotation)
            if annotation.pk == keeper.pk:
                start = min(a.start for a in chosen)
                end = max(a.end for a in chosen)
                annotation.start, annotation.end = start, end
                annotation.quote = document.text[start:end]
                annotation.status = Status.ACCEPTED
                annotation.review_reason = ""
            else:
                annotation.status = Status.REJECTED
                annotation.review_reason = reason
            annotation.reviewed_by = actor
            annotation.reviewed_at = now
            _save_audited(annotation, actor=actor, action=AuditAction.ADJUDICATE, before=before)
            changed.append(annotation)
    return changed
