"""Writes of the translation app: drafting jobs, batched drafting, editing and review.

Every public function checks access first (through ``workbench.corpus.access``) and only then
writes. A drafting job runs batch by batch through the job machinery (``workbench.jobs``):
each batch's drafts, the job's progress and its heartbeat are committed in one transaction,
so a job stopped halfway keeps its finished drafts and resumes after the last batch.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from workbench.audit.models import AuditAction
from workbench.audit.services import audit_record, audit_record_many
from workbench.common.actor import Actor
from workbench.common.errors import Conflict, Invalid, check_version
from workbench.corpus.access import check_not_own_work
from workbench.corpus.models import Document, Role, Segment
from workbench.jobs.services import JobContext, job_requeue, job_submit
from workbench.language.codes import SPECIAL_CODES, is_language_code

from .cache import CachedEngine, text_sha256
from .engines.base import EngineFailed, PairNotInstalled
from .engines.registry import engine_for
from .errors import NoTranslationPair, TranslationEngineFailed
from .memory import exact_matches
from .models import Origin, Status, Translation, TranslationJob
from .runs import draft_segments

#: The name translation jobs are registered under in ``workbench.jobs``.
JOB_KIND = "translation"


def batch_sizes() -> tuple[int, int]:
    """Return (first batch size, later batch size) in segments, from settings."""
    size = max(1, int(settings.WORKBENCH_MT_JOB_BATCH_SIZE))
    first = max(1, min(int(settings.WORKBENCH_MT_JOB_FIRST_BATCH_SIZE), size))
    return first, size


def _check_language(code: str, field: str) -> None:
    if not code or code in SPECIAL_CODES or not is_language_code(code):
        raise Invalid(_("Unknown language code %(code)r.") % {"code": code}, field=field)


def check_translation_text(text: str, source_text: str) -> None:
    """Refuse an empty translation, or one far longer than its source: at most
    ``WORKBENCH_TRANSLATION_LENGTH_RATIO`` times the source's length plus
    ``WORKBENCH_TRANSLATION_LENGTH_SLACK`` code points."""
    if not text.strip():
        raise Invalid(_("A translation cannot be empty."), field="text")
    limit = int(
        len(source_text) * settings.WORKBENCH_TRANSLATION_LENGTH_RATIO
        + settings.WORKBENCH_TRANSLATION_LENGTH_SLACK
    )
    if len(text) > limit:
        raise Invalid(
            _(
                "A translation of this segment may have at most %(limit)d characters; this one "
                "has %(count)d."
            )
            % {"limit": limit, "count": len(text)},
            field="text",
        )


def segment_source(segment: Segment, *, target: str, source: str = "") -> str | None:
    """Return the language to translate ``segment`` from, or None when there is nothing to do.

    An explicit ``source`` wins; otherwise the reviewer's override, else the detected language.
    For a mixed segment it is the first language of its runs that is not the target.
    """
    if source:
        return source if source != target else None
    language = segment.effective_language
    if language == "mixed":
        for candidate in segment.languages:
            if candidate not in SPECIAL_CODES and candidate != target:
                return candidate
        return None
    if not language or language in SPECIAL_CODES or language == target:
        return None
    return language


def _install_hint(pairs: Sequence[tuple[str, str]]) -> str:
    commands = "; ".join(
        f"python manage.py translation_models install --from-index {src} {tgt}"
        for src, tgt in pairs
    )
    return _(
        "No installed translation package translates %(pairs)s. Install one with "
        "'python manage.py translation_models install PATH.argosmodel', or from the index "
        "when the network is reachable: %(commands)s."
    ) % {"pairs": ", ".join(f"{s}→{t}" for s, t in pairs), "commands": commands}


def translation_job_create(
    *,
    actor: Actor,
    document: Document,
    target: str,
    source: str = "",
    segment_ids: Sequence[int] | None = None,
    submit: bool = True,
) -> TranslationJob:
    """Queue a job drafting ``document`` (or some of its segments) into ``target``.

    Raises Invalid for an unknown language, a target equal to the source or segments of
    another document, NoTranslationPair when nothing is installed for the needed pair(s) and
    TranslationEngineFailed when an engine is broken. With ``submit`` the job is handed to the
    workers once the transaction commits; without it the caller runs it (the CLI). The drafts
    are attributed to the actor's user (none for a system actor acting for nobody).
    """
    actor.require(Role.ANNOTATOR, project_id=document.project_id)
    _check_language(target, "target")
    if source:
        _check_language(source, "source")
        if source == target:
            raise Invalid(_("The target language equals the source."), field="target")
    segments = list(document.segments.order_by("index"))
    if segment_ids is not None:
        wanted = set(segment_ids)
        segments = [s for s in segments if s.pk in wanted]
        if len(segments) != len(wanted):
            raise Invalid(_("Some segments do not belong to this document."), field="segments")
    sources = {
        src
        for s in segments
        if s.text.strip() and (src := segment_source(s, target=target, source=source))
    }
    if not sources:
        raise Invalid(
            _("Nothing to translate: the segments are empty or already in %(target)s.")
            % {"target": target},
            field="target",
        )
    missing = sorted(src for src in sources if not _supported(src, target))
    if len(missing) == len(sources):
        raise NoTranslationPair(_install_hint([(src, target) for src in missing]))
    job = TranslationJob.objects.create(
        document=document,
        source=source,
        target=target,
        segment_ids=[s.pk for s in segments],
        total=len(segments),
        created_by=actor.user,
    )
    if submit:
        job_submit(kind=JOB_KIND, job_id=job.pk)
    return job


def _supported(source: str, target: str) -> bool:
    """Whether an engine translates the pair; a failing engine is TranslationEngineFailed."""
    try:
        engine_for(source, target)
    except PairNotInstalled:
        return False
    except EngineFailed as exc:
        raise TranslationEngineFailed.from_engine(exc) from exc
    return True


def _draft_batch(job: TranslationJob, ids: Sequence[int]) -> list[Translation]:
    """The drafts for the segments ``ids`` that have none yet (unsaved; no transaction held)."""
    segments = {s.pk: s for s in Segment.objects.filter(pk__in=ids, document_id=job.document_id)}
    existing = set(
        Translation.objects.filter(segment_id__in=ids, target=job.target).values_list(
            "segment_id", flat=True
        )
    )
    todo: list[tuple[Segment, str]] = []
    for pk in ids:
        segment = segments.get(pk)
        if segment is None or pk in existing or not segment.text.strip():
            continue
        src = segment_source(segment, target=job.target, source=job.source)
        if src:
            todo.append((segment, src))
    hashes = {pk: text_sha256(segments[pk].text) for pk in segments}
    memory = exact_matches(
        project_id=job.document.project_id,
        target=job.target,
        hashes={hashes[s.pk] for s, _src in todo},
    )
    new: list[Translation] = []
    by_source: dict[str, list[Segment]] = defaultdict(list)
    for segment, src in todo:
        match = memory.get(hashes[segment.pk])
        if match is not None:
            new.append(
                Translation(
                    segment=segment,
                    source=src,
                    target=job.target,
                    source_sha256=hashes[segment.pk],
                    text=match.text,
                    origin=Origin.MEMORY,
                    memory_of=match,
                    created_by=job.created_by,
                )
            )
        else:
            by_source[src].append(segment)
    for src, group in by_source.items():
        try:
            engine = CachedEngine(engine_for(src, job.target))
        except PairNotInstalled:
            continue
        items = [
            (s.text, s.runs if any(r.get("language") == src for r in s.runs) else None)
            for s in group
        ]
        drafts = draft_segments(items, source=src, target=job.target, engine=engine)
        for segment, draft in zip(group, drafts, strict=True):
            if draft.route is None:
                continue
            new.append(
                Translation(
                    segment=segment,
                    source=src,
                    target=job.target,
                    source_sha256=hashes[segment.pk],
                    text=draft.text,
                    origin=Origin.MACHINE,
                    engine=draft.route.engine,
                    package_code=draft.route.package_code,
                    package_version=draft.route.package_version,
                    pivot=draft.route.pivot,
                    created_by=job.created_by,
                )
            )
    return new


def _lock_document(document_id: int) -> None:
    """Lock a document's row until the transaction ends: drafts stored by jobs and translations
    written by hand for its segments are created one transaction after the other."""
    Document.objects.select_for_update(no_key=True).filter(pk=document_id).first()


def job_actor(job: TranslationJob) -> Actor:
    """The system actor a drafting job acts as, on behalf of the user who asked for it."""
    return Actor.system(f"translation job {job.pk}", user=job.created_by)


def _store_drafts(job: TranslationJob, drafts: list[Translation]) -> int:
    """Save the drafts whose segment still has none in the target; return how many were saved.

    Runs inside the batch's transaction. The document's row is locked first, so two jobs on
    one document (or a job and someone writing by hand) store one after the other and count
    exactly what they add.
    Each stored draft gets a ``draft`` audit entry, so open workspaces show it live.
    """
    _lock_document(job.document_id)
    taken = set(
        Translation.objects.filter(
            segment_id__in=[draft.segment_id for draft in drafts], target=job.target
        ).values_list("segment_id", flat=True)
    )
    new = [draft for draft in drafts if draft.segment_id not in taken]
    Translation.objects.bulk_create(new, ignore_conflicts=True)
    stored = Translation.objects.filter(
        segment_id__in=[draft.segment_id for draft in new], target=job.target
    ).exclude(origin=Origin.HUMAN)
    audit_record_many(
        project=job.document.project_id,
        subjects=list(stored),
        action=AuditAction.DRAFT,
        actor=job_actor(job),
        after=_snapshot,
    )
    return len(new)


def translation_job_run(*, job: TranslationJob, context: JobContext) -> None:
    """Draft a claimed job's remaining segments batch by batch (the translation job kind).

    The first batch is small (``WORKBENCH_MT_JOB_FIRST_BATCH_SIZE``) so drafts show up soon;
    later ones are larger (``WORKBENCH_MT_JOB_BATCH_SIZE``) so the engine batches well. The
    engine runs before the batch's transaction opens, so no lock is held while it works; the
    drafts, the progress counters and the heartbeat are then committed together.
    """
    first, size = batch_sizes()
    while job.done < job.total:
        ids = job.segment_ids[job.done : job.done + (first if job.done == 0 else size)]
        drafts = _draft_batch(job, ids)
        with context.batch() as job:
            drafted = _store_drafts(job, drafts)
            job.done += len(ids)
            job.drafted += drafted
            job.skipped += len(ids) - drafted


def translation_job_resume(
    *, actor: Actor, job: TranslationJob, submit: bool = True
) -> TranslationJob:
    """Queue a failed or stale job again; it continues after its last committed batch."""
    actor.require(Role.ANNOTATOR, project_id=job.document.project_id)
    return job_requeue(kind=JOB_KIND, job=job, submit=submit)


def translation_create(*, actor: Actor, segment: Segment, target: str, text: str) -> Translation:
    """Write a translation by hand for a segment that has none in ``target`` (origin human).

    A segment already translated into ``target`` gets a Conflict carrying that translation, so
    the writer can compare and edit it instead of overwriting it. The document's row is locked
    while checking and writing, as when a job stores drafts, so two writers never both insert.
    """
    actor.require(Role.ANNOTATOR, project_id=segment.document.project_id)
    _check_language(target, "target")
    check_translation_text(text, segment.text)
    source = segment_source(segment, target=target) or ""
    if not source:
        raise Invalid(
            _("This segment is already in %(target)s or has no language to translate from.")
            % {"target": target},
            field="target",
        )
    with transaction.atomic():
        _lock_document(segment.document_id)
        current = Translation.objects.filter(segment=segment, target=target).first()
        if current is not None:
            raise Conflict(
                _("This segment already has a translation into %(target)s.") % {"target": target},
                instance=current,
            )
        translation = Translation.objects.create(
            segment=segment,
            source=source,
            target=target,
            source_sha256=text_sha256(segment.text),
            text=text,
            origin=Origin.HUMAN,
            created_by=actor.user,
        )
        audit_record(
            project=segment.document.project_id,
            subject=translation,
            action=AuditAction.CREATE,
            actor=actor,
            after=_snapshot(translation),
        )
    return translation


def _snapshot(translation: Translation) -> dict:
    return {
        "text": translation.text,
        "status": translation.status,
        "origin": translation.origin,
        "version": translation.version,
    }


def _versioned_update(
    translation: Translation, version: int | None, *, actor: Actor, action: str, **fields
) -> Translation:
    """Apply ``fields`` only if ``version`` is still current, bumping it, and audit the change.

    The row, and only it, is locked (FOR NO KEY UPDATE on PostgreSQL, so that foreign-key
    checks at commit are not blocked; the write lock on SQLite) while the version is checked
    and the change written, so of two changes made from the same version one wins and the
    other gets Conflict (409). The audit entry (before and after) is written in the same
    transaction.
    """
    with transaction.atomic():
        current = (
            Translation.objects.select_for_update(no_key=True, of=("self",))
            .select_related("segment__document")
            .get(pk=translation.pk)
        )
        check_version(current, version)
        before = _snapshot(current)
        for name, value in fields.items():
            setattr(current, name, value)
        current.version += 1
        current.save(update_fields=[*fields, "version"])
        audit_record(
            project=current.segment.document.project_id,
            subject=current,
            action=action,
            actor=actor,
            before=before,
            after=_snapshot(current),
        )
    return current


def translation_edit(
    *, actor: Actor, translation: Translation, text: str, version: int | None
) -> Translation:
    """Replace a translation's text. Its status becomes ``edited``; its origin is kept.

    Editing clears an earlier review, so an approved text that is changed needs approval again.
    """
    actor.require(Role.ANNOTATOR, project_id=translation.segment.document.project_id)
    check_translation_text(text, translation.segment.text)
    return _versioned_update(
        translation,
        version,
        actor=actor,
        action=AuditAction.EDIT,
        text=text,
        status=Status.EDITED,
        edited_by=actor.user,
        edited_at=timezone.now(),
        reviewed_by=None,
        reviewed_at=None,
    )


def translation_author_id(translation: Translation) -> int | None:
    """Who wrote the text under review: its last editor, else its writer when written by
    hand (a machine draft nobody edited has no author)."""
    if translation.edited_by_id is not None:
        return translation.edited_by_id
    return translation.created_by_id if translation.origin == Origin.HUMAN else None


def _review(
    actor: Actor, translation: Translation, decision: str, version: int | None
) -> Translation:
    project_id = translation.segment.document.project_id
    actor.require(Role.REVIEWER, project_id=project_id)
    check_not_own_work(actor, project_id, translation_author_id(translation))
    if translation.status == decision:
        raise Invalid(
            _("This translation is already %(status)s.") % {"status": decision}, field="status"
        )
    return _versioned_update(
        translation,
        translation.version if version is None else version,
        actor=actor,
        action=AuditAction.REVIEW,
        status=decision,
        reviewed_by=actor.user,
        reviewed_at=timezone.now(),
    )


def translation_approve(
    *, actor: Actor, translation: Translation, version: int | None = None
) -> Translation:
    """Approve a translation (reviewers and moderators); approved texts feed the memory."""
    return _review(actor, translation, Status.APPROVED, version)


def translation_reject(
    *, actor: Actor, translation: Translation, version: int | None = None
) -> Translation:
    """Reject a translation (reviewers and moderators)."""
    return _review(actor, translation, Status.REJECTED, version)
