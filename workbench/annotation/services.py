"""Writes to annotations, links and comments: check access, validate, write, audit.

Every public function here takes the door's ``Actor`` and checks, without a query, that its
role in the document's project allows the change; it then validates its
input (raising ``Invalid`` that names the field), makes the change and records an
audit entry with the values before and after, all in one transaction. Nothing else saves
annotations.
"""

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
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
    check_span,
)
from workbench.audit.models import AuditAction
from workbench.audit.services import audit_record, audit_record_many
from workbench.common.actor import Actor
from workbench.common.errors import Conflict, Forbidden, Invalid, WorkbenchError, check_version
from workbench.corpus.access import check_not_own_work, four_eyes_projects, own_work_refused
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
    """Authors change their own pending or rejected annotations; moderators change anything.

    A rejected annotation stays open to its author so it can be fixed and resubmitted; an
    accepted one is settled, and only a moderator may change it.
    """
    actor.require(Role.ANNOTATOR, project_id=_project_id(annotation))
    if actor.is_moderator:
        return
    if not actor.owns(annotation.author_id):
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


def _check_span(
    text: str, label_type: LabelType, start: Any, end: Any, quote: Any, attributes: Any
) -> None:
    """The checks on a new span: offsets within the text, the quote, the attribute schema."""
    check_span(text, start, end, quote)
    check_attributes(label_type, attributes)


def _clean_reason(decision: str, reason: str | None) -> str:
    """A review's decision and reason checked; the reason stripped."""
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
    return reason


def _apply_review(current: Annotation, *, actor: Actor, decision: str, reason: str) -> None:
    current.status = Status.ACCEPTED if decision == Decision.ACCEPT else Status.REJECTED
    current.review_reason = reason
    current.reviewed_by = actor.user
    current.reviewed_at = timezone.now()


def _clean_body(body: str | None) -> str:
    """A comment's text stripped, or ``Invalid`` when it is empty or too long."""
    body = (body or "").strip()
    if not body:
        raise Invalid(_("A comment needs some text."), field="body")
    if len(body) > COMMENT_MAX_LENGTH:
        raise Invalid(
            _("Keep comments under %(n)d characters.") % {"n": COMMENT_MAX_LENGTH}, field="body"
        )
    return body


def _check_link(source: Annotation, target: Annotation, link_type: str) -> None:
    """The rules of a new link: a known type, two live annotations of one document, the
    endpoint label types that ``link_type`` joins."""
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


def annotation_create(
    *,
    actor: Actor,
    document: Document,
    label_type_id: int,
    start: int,
    end: int,
    quote: str,
    attributes: dict[str, Any] | None = None,
    origin: dict[str, Any] | None = None,
) -> Annotation:
    """Create a pending annotation of ``document.text[start:end]`` authored by ``actor``.

    ``origin`` says where the span came from when it was not drawn by hand (an accepted
    suggestion names its recommender and model version); the audit entry keeps it.
    """
    actor.require(Role.ANNOTATOR, project_id=document.project_id)
    label_type = active_label_type(label_type_id)
    attributes = {} if attributes is None else attributes
    _check_span(document.text, label_type, start, end, quote, attributes)
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
            after=annotation_snapshot(annotation) | ({"origin": origin} if origin else {}),
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
    A request that changes nothing leaves the version as it is. When the author fixes a
    rejected annotation the change is audited as ``resubmit``: the annotation goes back to the
    review queue, and the earlier review stays in the history (the entry's ``before``).
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
        action = AuditAction.EDIT
        if current.status == Status.REJECTED and actor.owns(current.author_id):
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
    reason = _clean_reason(decision, reason)
    with transaction.atomic():
        current = _lock(annotation)
        if version is not None:
            check_version(current, version)
        _check_alive(current)
        check_not_own_work(actor, _project_id(current), current.author_id)
        before = annotation_snapshot(current)
        _apply_review(current, actor=actor, decision=decision, reason=reason)
        _save_audited(current, actor=actor, action=AuditAction.REVIEW, before=before)
    return current


def annotation_delete(
    *, actor: Actor, annotation: Annotation, version: int | None = None
) -> Annotation:
    """Soft-delete: authors their own pending or rejected annotations, moderators any."""
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
    """Undo a soft delete: moderators any, authors the deletes they made of their own."""
    actor.require(Role.ANNOTATOR, project_id=_project_id(annotation))
    with transaction.atomic():
        current = _lock(annotation)
        if current.deleted_at is None:
            raise Conflict(_("This annotation is not deleted."), instance=current)
        own_delete = actor.owns(current.author_id) and actor.owns(current.deleted_by_id)
        if not actor.is_moderator and not own_delete:
            raise Forbidden(_("Only a moderator may restore an annotation someone else deleted."))
        before = annotation_snapshot(current)
        current.deleted_at = None
        current.deleted_by = None
        _save_audited(current, actor=actor, action=AuditAction.RESTORE, before=before)
    return current


def comment_create(*, actor: Actor, annotation: Annotation, body: str) -> Comment:
    """Add a plain-text comment to an annotation's thread (any project member)."""
    actor.require(Role.ANNOTATOR, project_id=_project_id(annotation))
    body = _clean_body(body)
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
    _check_link(source, target, link_type)
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


def annotation_adjudicate(
    *,
    actor: Actor,
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
    actor.require(Role.REVIEWER, project_id=document.project_id)
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
        if any(actor.owns(annotation.author_id) for annotation in found.values()):
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
            annotation.reviewed_by = actor.user
            annotation.reviewed_at = now
            _save_audited(annotation, actor=actor, action=AuditAction.ADJUDICATE, before=before)
            changed.append(annotation)
    return changed


# Bulk variants: the same checks and audit entries as the services above, for many objects
# of one call (an import) written with a few queries. A refused item raises ``ItemRefused``
# naming its position, and nothing of the call is written.


class ItemRefused(WorkbenchError):
    """Item ``index`` (counted from 0) of a bulk write broke a rule, which ``error`` states."""

    def __init__(self, index: int, error: WorkbenchError) -> None:
        super().__init__(error.message, field=error.field)
        self.code = error.code
        self.index = index
        self.error = error


@dataclass(frozen=True)
class SpanDraft:
    """One annotation for ``annotations_create_bulk``: what ``annotation_create`` takes."""

    label_type_id: int
    start: int
    end: int
    quote: str
    attributes: dict[str, Any] | None = None


def _check_projects(actor: Actor, annotations: Iterable[Annotation], role: str) -> None:
    """One role check per project the annotations belong to."""
    for project_id in sorted({_project_id(annotation) for annotation in annotations}):
        actor.require(role, project_id=project_id)


def _span_key(label_type_id: int, start: int, end: int, attributes: Any) -> tuple:
    return label_type_id, start, end, json.dumps(attributes, sort_keys=True)


def annotations_create_bulk(
    *,
    actor: Actor,
    document: Document,
    drafts: Sequence[SpanDraft],
    reuse_existing: bool = False,
) -> list[tuple[Annotation, bool]]:
    """Create pending annotations of ``document`` authored by ``actor``, as ``annotation_create``
    would one by one; returns ``(annotation, created)`` in the order of ``drafts``.

    With ``reuse_existing``, a draft equal (type, offsets, attributes) to a live annotation by
    ``actor``, or to an earlier draft, gives that annotation and creates nothing.
    """
    actor.require(Role.ANNOTATOR, project_id=document.project_id)
    label_types: dict[Any, LabelType] = {}
    checked = []
    for index, draft in enumerate(drafts):
        try:
            label_type = label_types.get(draft.label_type_id)
            if label_type is None:
                label_type = label_types[draft.label_type_id] = active_label_type(
                    draft.label_type_id
                )
            attributes = {} if draft.attributes is None else draft.attributes
            _check_span(document.text, label_type, draft.start, draft.end, draft.quote, attributes)
        except WorkbenchError as exc:
            raise ItemRefused(index, exc) from None
        checked.append((draft, label_type, attributes))
    known: dict[tuple, Annotation] = {}
    if reuse_existing:
        queryset = Annotation.objects.alive().filter(document=document, author_id=actor.user_id)
        for annotation in queryset.select_related("label_type").order_by("pk"):
            known.setdefault(
                _span_key(
                    annotation.label_type_id,
                    annotation.start,
                    annotation.end,
                    annotation.attributes,
                ),
                annotation,
            )
    results: list[tuple[Annotation, bool]] = []
    new: list[Annotation] = []
    for draft, label_type, attributes in checked:
        key = _span_key(label_type.pk, draft.start, draft.end, attributes)
        if key in known:
            results.append((known[key], False))
            continue
        annotation = Annotation(
            document=document,
            label_type=label_type,
            start=draft.start,
            end=draft.end,
            quote=draft.quote,
            attributes=attributes,
            author=actor.user,
        )
        if reuse_existing:
            known[key] = annotation
        new.append(annotation)
        results.append((annotation, True))
    with transaction.atomic():
        Annotation.objects.bulk_create(new, batch_size=500)
        audit_record_many(
            project=document.project_id,
            subjects=new,
            action=AuditAction.CREATE,
            actor=actor,
            after=annotation_snapshot,
        )
    return results


def annotations_review_bulk(
    *, actor: Actor, reviews: Sequence[tuple[Annotation, str, str]]
) -> list[Annotation]:
    """Accept or reject many annotations, each ``(annotation, decision, reason)``, as
    ``annotation_review`` would one by one; returns them reviewed, in order."""
    _check_projects(actor, (annotation for annotation, _d, _r in reviews), Role.REVIEWER)
    reasons = []
    for index, (_annotation, decision, reason) in enumerate(reviews):
        try:
            reasons.append(_clean_reason(decision, reason))
        except WorkbenchError as exc:
            raise ItemRefused(index, exc) from None
    with transaction.atomic():
        locked = (
            Annotation.objects.select_for_update(no_key=True, of=("self",))
            .select_related("document", "label_type")
            .in_bulk([annotation.pk for annotation, _d, _r in reviews])
        )
        reviewed, befores = [], []
        now = timezone.now()
        four_eyes = four_eyes_projects(_project_id(current) for current in locked.values())
        for index, ((annotation, decision, _reason), reason) in enumerate(
            zip(reviews, reasons, strict=True)
        ):
            current = locked[annotation.pk]
            try:
                _check_alive(current)
                if _project_id(current) in four_eyes and actor.owns(current.author_id):
                    raise own_work_refused()
            except WorkbenchError as exc:
                raise ItemRefused(index, exc) from None
            befores.append(annotation_snapshot(current))
            _apply_review(current, actor=actor, decision=decision, reason=reason)
            current.reviewed_at = now
            current.version += 1
            current.updated_at = now
            reviewed.append(current)
        # One UPDATE per distinct outcome (an import's accepted annotations share one).
        outcomes: dict[tuple[str, str, int], list[int]] = {}
        for current in reviewed:
            key = (current.status, current.review_reason, current.version)
            outcomes.setdefault(key, []).append(current.pk)
        for (status, reason, version), pks in outcomes.items():
            Annotation.objects.filter(pk__in=pks).update(
                status=status,
                review_reason=reason,
                reviewed_by=actor.user,
                reviewed_at=now,
                version=version,
                updated_at=now,
            )
        by_project: dict[int, list[int]] = {}
        for position, current in enumerate(reviewed):
            by_project.setdefault(_project_id(current), []).append(position)
        for project_id, positions in by_project.items():
            audit_record_many(
                project=project_id,
                subjects=[reviewed[n] for n in positions],
                action=AuditAction.REVIEW,
                actor=actor,
                before=[befores[n] for n in positions],
                after=annotation_snapshot,
            )
    return reviewed


def comments_create_bulk(
    *, actor: Actor, comments: Sequence[tuple[Annotation, str]]
) -> list[Comment]:
    """Add many comments, each ``(annotation, body)``, as ``comment_create`` would."""
    _check_projects(actor, (annotation for annotation, _body in comments), Role.ANNOTATOR)
    new = []
    for index, (annotation, body) in enumerate(comments):
        try:
            body = _clean_body(body)
            _check_alive(annotation)
        except WorkbenchError as exc:
            raise ItemRefused(index, exc) from None
        new.append(Comment(annotation=annotation, author=actor.user, body=body))
    with transaction.atomic():
        Comment.objects.bulk_create(new, batch_size=500)
        for project_id in {_project_id(comment.annotation) for comment in new}:
            mine = [comment for comment in new if _project_id(comment.annotation) == project_id]
            audit_record_many(
                project=project_id,
                subjects=[comment.annotation for comment in mine],
                action=AuditAction.COMMENT,
                actor=actor,
                after=[{"comment": comment.pk, "body": comment.body} for comment in mine],
            )
    return new


def links_create_bulk(
    *,
    actor: Actor,
    links: Sequence[tuple[Annotation, Annotation, str]],
    skip_existing: bool = False,
) -> list[Link | None]:
    """Create many links, each ``(source, target, type)``, as ``link_create`` would.

    A link that exists already (or comes twice) is refused; with ``skip_existing`` it is
    left out, and its place in the result is ``None``.
    """
    ends = [annotation for source, target, _type in links for annotation in (source, target)]
    _check_projects(actor, ends, Role.ANNOTATOR)
    for index, (source, target, link_type) in enumerate(links):
        try:
            _check_link(source, target, link_type)
        except WorkbenchError as exc:
            raise ItemRefused(index, exc) from None
    with transaction.atomic():
        taken = set(
            Link.objects.filter(source_id__in={source.pk for source, _t, _l in links}).values_list(
                "source_id", "target_id", "type"
            )
        )
        results: list[Link | None] = []
        new: list[Link] = []
        for index, (source, target, link_type) in enumerate(links):
            key = (source.pk, target.pk, link_type)
            if key in taken:
                if skip_existing:
                    results.append(None)
                    continue
                error = Invalid(_("These annotations are linked like this already."), field="type")
                raise ItemRefused(index, error)
            taken.add(key)
            link = Link(source=source, target=target, type=link_type, author=actor.user)
            new.append(link)
            results.append(link)
        Link.objects.bulk_create(new, batch_size=500)
        for project_id in {_project_id(link.source) for link in new}:
            mine = [link for link in new if _project_id(link.source) == project_id]
            audit_record_many(
                project=project_id,
                subjects=[link.source for link in mine],
                action=AuditAction.LINK,
                actor=actor,
                after=[link_snapshot(link) for link in mine],
            )
    return results


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
