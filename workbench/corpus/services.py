"""Writes to the corpus: projects, members, document import and language detection.

A reviewer's language override is audited, so it lives above the audit trail, in
``workbench.annotation.services.segment_language_set``.
"""

import hashlib
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files import File
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from workbench.common.actor import Actor
from workbench.common.errors import Forbidden, Invalid, TooLarge
from workbench.corpus.access import can_create_projects
from workbench.corpus.importing import check_name, check_size, decode, title_from_text
from workbench.corpus.models import Document, Membership, Project, Role, Segment
from workbench.corpus.segmentation import control_characters, segment_text
from workbench.language.detection import Detection, detect_segments


class ImportStatus:
    CREATED = "created"
    UNCHANGED = "unchanged"
    NEW_REVISION = "new revision"


@dataclass(frozen=True)
class ImportResult:
    """What importing one file did."""

    document: Document
    status: str
    changes: Sequence[str] = ()


def project_create(*, actor: Actor, name: str) -> Project:
    """Create a project; the acting user becomes its first moderator (a system actor acting
    for nobody creates a project without members).

    Only actors ``can_create_projects`` allows may (staff by default); others are refused
    before the name is looked at, so the answer tells them nothing about which names exist."""
    if not can_create_projects(actor):
        raise Forbidden(_("Only staff members may create projects."))
    name = name.strip()
    if not name:
        raise Invalid(_("A project needs a name."), field="name")
    if Project.objects.filter(name=name).exists():
        raise Invalid(_("A project named %(name)s exists.") % {"name": name}, field="name")
    with transaction.atomic():
        project = Project.objects.create(name=name)
        if actor.user is not None:
            Membership.objects.create(project=project, user=actor.user, role=Role.MODERATOR)
    return project


def _check_keeps_a_moderator(membership: Membership, field: str) -> None:
    """Refuse to take the moderator role from the project's only moderator."""
    if membership.role != Role.MODERATOR:
        return
    moderators = Membership.objects.select_for_update().filter(
        project_id=membership.project_id, role=Role.MODERATOR
    )
    if moderators.count() == 1:
        raise Invalid(_("A project keeps at least one moderator."), field=field)


def project_member_set(*, actor: Actor, project: Project, username: str, role: str) -> Membership:
    """Add a user to a project or change their role; only moderators may do it.

    The project's only moderator keeps that role: another moderator must be named first.
    """
    actor.require(Role.MODERATOR, project_id=project.pk)
    if role not in Role.values:
        raise Invalid(
            _("Unknown role %(role)s; use one of %(roles)s.")
            % {"role": role, "roles": ", ".join(Role.values)},
            field="role",
        )
    user = get_user_model().objects.filter(username=username).first()
    if user is None:
        raise Invalid(_("No user is named %(name)s.") % {"name": username}, field="username")
    with transaction.atomic():
        membership = Membership.objects.filter(project=project, user=user).first()
        if membership is None:
            return Membership.objects.create(project=project, user=user, role=role)
        if role != Role.MODERATOR:
            _check_keeps_a_moderator(membership, "role")
        membership.role = role
        membership.save(update_fields=["role"])
    return membership


def project_member_remove(*, actor: Actor, project: Project, user_id: int) -> None:
    """Remove a member; only moderators may do it, and the last moderator stays."""
    actor.require(Role.MODERATOR, project_id=project.pk)
    with transaction.atomic():
        membership = Membership.objects.filter(project=project, user_id=user_id).first()
        if membership is None:
            raise Invalid(_("That user is not a member of this project."), field="user")
        _check_keeps_a_moderator(membership, "user")
        membership.delete()


def _segment_fields(text: str, name: str) -> list[dict]:
    """Segmentation and language detection of ``text``: the field values of each segment.

    A text of more than ``WORKBENCH_MAX_SEGMENTS`` segments is refused before any language is
    detected, so a file of blank-line-separated characters cannot make a huge import."""
    spans = segment_text(text)
    limit = settings.WORKBENCH_MAX_SEGMENTS
    if len(spans) > limit:
        raise TooLarge(
            _(
                "%(name)s makes %(count)d segments; a document may have at most %(limit)d. "
                "Split the file into several documents."
            )
            % {"name": name, "count": len(spans), "limit": limit},
            field="file",
        )
    texts = [text[span.start : span.end] for span in spans]
    detections = detect_segments(texts)
    return [
        {
            "index": index,
            "start": span.start,
            "end": span.end,
            "text": segment,
            "kind": span.kind,
            "controls": control_characters(segment),
            **_detection_fields(detection),
        }
        for index, (span, segment, detection) in enumerate(
            zip(spans, texts, detections, strict=True)
        )
    ]


def _detection_fields(detection: Detection) -> dict:
    return {
        "language": detection.language,
        "languages": list(detection.languages),
        "runs": list(detection.runs),
        "confidence": round(float(detection.confidence), 4),
    }


def dominant_language(runs: Iterable[Sequence[dict]]) -> str:
    """The language with the most letters over the runs of all segments, or ``und``."""
    weights: Counter[str] = Counter()
    for segment_runs in runs:
        for run in segment_runs:
            if run["language"] != "und":
                weights[run["language"]] += run["end"] - run["start"]
    return weights.most_common(1)[0][0] if weights else "und"


def document_import(
    *,
    actor: Actor,
    project: Project,
    name: str,
    data: bytes | File,
) -> ImportResult:
    """Import one file into ``project``: all of it in one transaction, or nothing.

    The same text again changes nothing; a changed file under a known name becomes the next
    revision of that document, and the older revision stays as it was. Segmentation and
    language detection run before the transaction opens, so a large file holds the
    database's write lock only while its rows are written.

    The size limit (``WORKBENCH_MAX_UPLOAD_BYTES``) is checked here for every door; an
    uploaded ``File`` is checked by its size before it is read.
    """
    actor.require(Role.ANNOTATOR, project_id=project.pk)
    check_name(name)
    if not isinstance(data, bytes):
        check_size(data.size, name)
        data = data.read()
    decoded = decode(data, name)
    digest = hashlib.sha256(decoded.text.encode("utf-8")).hexdigest()
    existing = Document.objects.filter(project=project, sha256=digest).first()
    if existing is not None:
        return ImportResult(existing, ImportStatus.UNCHANGED, decoded.changes)
    fields = _segment_fields(decoded.text, name)
    try:
        with transaction.atomic():
            latest = (
                Document.objects.select_for_update()
                .filter(project=project, source_name=name)
                .order_by("-revision")
                .first()
            )
            document = Document.objects.create(
                project=project,
                title=title_from_text(decoded.text, name),
                source_name=name,
                revision=latest.revision + 1 if latest else 1,
                previous=latest,
                text=decoded.text,
                sha256=digest,
                normalization=decoded.changes,
                language=dominant_language(row["runs"] for row in fields),
                imported_by=actor.user,
            )
            Segment.objects.bulk_create(
                (Segment(document=document, **row) for row in fields), batch_size=500
            )
    except IntegrityError:
        existing = Document.objects.filter(project=project, sha256=digest).first()
        if existing is None:
            raise
        return ImportResult(existing, ImportStatus.UNCHANGED, decoded.changes)
    status = ImportStatus.NEW_REVISION if latest else ImportStatus.CREATED
    return ImportResult(document, status, decoded.changes)


def document_detect_language(*, actor: Actor, document: Document) -> int:
    """Run language detection again over a document's segments (moderators); returns how
    many segments changed."""
    actor.require(Role.MODERATOR, project_id=document.project_id)
    segments = list(document.segments.order_by("index"))
    detections = detect_segments([segment.text for segment in segments])
    changed = []
    for segment, detection in zip(segments, detections, strict=True):
        fields = _detection_fields(detection)
        if any(getattr(segment, key) != value for key, value in fields.items()):
            for key, value in fields.items():
                setattr(segment, key, value)
            changed.append(segment)
    with transaction.atomic():
        if changed:
            Segment.objects.bulk_update(changed, ["language", "languages", "runs", "confidence"])
        document.language = dominant_language(segment.runs for segment in segments)
        document.save(update_fields=["language"])
    return len(changed)
