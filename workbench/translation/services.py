"""Writes of the translation app: drafting jobs, chunked drafting, editing and review.

Every public function checks access first (through ``workbench.corpus.access``) and only then
writes. Drafting runs chunk by chunk, each chunk in its own transaction, so a job stopped
halfway keeps its finished drafts and resumes where it stopped.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from workbench.audit.models import AuditAction
from workbench.audit.services import audit_record
from workbench.common.errors import Conflict, Invalid, check_version
from workbench.corpus.access import check_role
from workbench.corpus.models import Document, Role, Segment
from workbench.language.codes import SPECIAL_CODES, is_language_code

from .cache import CachedEngine, text_sha256
from .engines.base import EngineFailed, PairNotInstalled, TranslationUnavailable
from .engines.registry import engine_for
from .errors import NoTranslationPair, TranslationEngineFailed
from .memory import exact_matches
from .models import JobStatus, Origin, Status, Translation, TranslationJob
from .runs import draft_segments

#: A running job with no progress for this long is considered dead and may be resumed.
STALE_AFTER = timedelta(minutes=2)


def chunk_sizes() -> tuple[int, int]:
    """Return (first chunk size, later chunk size) from settings."""
    size = int(settings.WORKBENCH_MT_JOB_CHUNK_SIZE)
    first = int(settings.WORKBENCH_MT_JOB_FIRST_CHUNK_SIZE)
    return max(1, min(first, size)), max(1, size)


def _check_language(code: str, field: str) -> None:
    if not code or code in SPECIAL_CODES or not is_language_code(code):
        raise Invalid(_("Unknown language code %(code)r.") % {"code": code}, field=field)


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
    actor: AbstractBaseUser | None,
    document: Document,
    target: str,
    source: str = "",
    segment_ids: Sequence[int] | None = None,
    submit: bool = True,
) -> TranslationJob:
    """Queue a job drafting ``document`` (or some of its segments) into ``target``.

    Raises Invalid for an unknown language, a target equal to the source or segments of
    another document, NoTranslationPair when nothing is installed for the needed pair(s) and
    TranslationEngineFailed when an engine is broken. With ``submit`` the job goes to the
    runner once the transaction commits; without it the caller runs it (the CLI). ``actor``
    None means the system (CLI).
    """
    if actor is not None:
        check_role(actor, document.project_id, Role.ANNOTATOR)
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
        created_by=actor,
    )
    if submit:
        from .jobs import get_runner

        transaction.on_commit(lambda: get_runner().submit(job.pk))
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


def _draft_chunk(job: TranslationJob, ids: Sequence[int]) -> tuple[int, int]:
    """Create the drafts for ``ids``; return (drafted, skipped). Runs inside a transaction."""
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
    Translation.objects.bulk_create(new, ignore_conflicts=True)
    return len(new), len(ids) - len(new)


def translation_job_claim(*, job_id: int, resume: bool = False) -> TranslationJob | None:
    """Mark a queued job running (or, with ``resume``, a stale or failed one); None if taken."""
    now = timezone.now()
    claimable = TranslationJob.objects.filter(pk=job_id)
    if resume:
        stale = now - STALE_AFTER
        claimable = claimable.filter(status__in=[JobStatus.QUEUED, JobStatus.FAILED]) | (
            claimable.filter(status=JobStatus.RUNNING, heartbeat_at__lt=stale)
        )
    else:
        claimable = claimable.filter(status=JobStatus.QUEUED)
    if not TranslationJob.objects.filter(pk__in=claimable.values("pk")).update(
        status=JobStatus.RUNNING, heartbeat_at=now, error=""
    ):
        return None
    job = TranslationJob.objects.select_related("document").get(pk=job_id)
    if job.started_at is None:
        job.started_at = now
        job.save(update_fields=["started_at"])
    return job


def translation_job_run(
    *,
    job: TranslationJob,
    max_chunks: int | None = None,
    progress: Callable[[TranslationJob], None] | None = None,
) -> TranslationJob:
    """Draft a claimed job's remaining segments chunk by chunk, committing after each chunk.

    The first chunk is small (``WORKBENCH_MT_JOB_FIRST_CHUNK_SIZE``) so drafts show up soon;
    later chunks are larger (``WORKBENCH_MT_JOB_CHUNK_SIZE``) so the engine batches well.

    ``max_chunks`` stops early and leaves the job ``running``, as if the process had died;
    ``progress`` is called after each committed chunk (the CLI draws its progress bar with it).
    """
    first, size = chunk_sizes()
    chunks = 0
    try:
        while job.done < job.total:
            step = first if job.done == 0 else size
            ids = job.segment_ids[job.done : job.done + step]
            with transaction.atomic():
                drafted, skipped = _draft_chunk(job, ids)
                job.done += len(ids)
                job.drafted += drafted
                job.skipped += skipped
                job.heartbeat_at = timezone.now()
                job.save(update_fields=["done", "drafted", "skipped", "heartbeat_at"])
            chunks += 1
            if progress is not None:
                progress(job)
            if max_chunks is not None and chunks >= max_chunks and job.done < job.total:
                return job
    except (TranslationUnavailable, OSError, RuntimeError) as exc:
        job.status = JobStatus.FAILED
        job.error = str(exc)
        job.finished_at = timezone.now()
        job.save(update_fields=["status", "error", "finished_at"])
        return job
    job.status = JobStatus.DONE
    job.finished_at = timezone.now()
    job.save(update_fields=["status", "finished_at"])
    return job


def translation_job_resume(
    *, actor: AbstractBaseUser | None, job: TranslationJob, submit: bool = True
) -> TranslationJob:
    """Queue a failed or stale job again; it continues after its last committed chunk."""
    if actor is not None:
        check_role(actor, job.document.project_id, Role.ANNOTATOR)
    if job.status == JobStatus.DONE:
        raise Invalid(_("This job is finished."), field="status")
    stale = job.heartbeat_at is None or job.heartbeat_at < timezone.now() - STALE_AFTER
    if job.status == JobStatus.RUNNING and not stale:
        raise Conflict(_("This job is running."), instance=job)
    TranslationJob.objects.filter(pk=job.pk).update(status=JobStatus.QUEUED, error="")
    job.refresh_from_db()
    if submit:
        from .jobs import get_runner

        transaction.on_commit(lambda: get_runner().submit(job.pk))
    return job


def translation_create(
    *, actor: AbstractBaseUser, segment: Segment, target: str, text: str
) -> Translation:
    """Write a translation by hand for a segment that has none in ``target`` (origin human).

    A segment already translated into ``target`` gets a Conflict carrying that translation, so
    the writer can compare and edit it instead of overwriting it.
    """
    check_role(actor, segment.document.project_id, Role.ANNOTATOR)
    _check_language(target, "target")
    if not text.strip():
        raise Invalid(_("A translation cannot be empty."), field="text")
    source = segment_source(segment, target=target) or ""
    if not source:
        raise Invalid(
            _("This segment is already in %(target)s or has no language to translate from.")
            % {"target": target},
            field="target",
        )
    with transaction.atomic():
        existing = Translation.objects.select_for_update().filter(segment=segment, target=target)
        current = existing.first()
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
            created_by=actor,
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
    translation: Translation, version: int | None, *, actor: AbstractBaseUser, action: str, **fields
) -> Translation:
    """Apply ``fields`` only if ``version`` is still current, bumping it, and audit the change.

    A stale ``version`` raises Conflict; the audit entry (before and after) is written in the
    same transaction as the change.
    """
    check_version(translation, version)
    before = _snapshot(translation)
    with transaction.atomic():
        updated = Translation.objects.filter(pk=translation.pk, version=translation.version).update(
            version=F("version") + 1, **fields
        )
        translation.refresh_from_db()
        if not updated:
            raise Conflict(
                _("This translation was changed meanwhile; reload it and try again."),
                instance=translation,
            )
        audit_record(
            project=translation.segment.document.project_id,
            subject=translation,
            action=action,
            actor=actor,
            before=before,
            after=_snapshot(translation),
        )
    return translation


def translation_edit(
    *, actor: AbstractBaseUser, translation: Translation, text: str, version: int | None
) -> Translation:
    """Replace a translation's text. Its status becomes ``edited``; its origin is kept.

    Editing clears an earlier review, so an approved text that is changed needs approval again.
    """
    check_role(actor, translation.segment.document.project_id, Role.ANNOTATOR)
    if not text.strip():
        raise Invalid(_("A translation cannot be empty."), field="text")
    return _versioned_update(
        translation,
        version,
        actor=actor,
        action=AuditAction.EDIT,
        text=text,
        status=Status.EDITED,
        edited_by=actor,
        edited_at=timezone.now(),
        reviewed_by=None,
        reviewed_at=None,
    )


def _review(
    actor: AbstractBaseUser, translation: Translation, decision: str, version: int | None
) -> Translation:
    check_role(actor, translation.segment.document.project_id, Role.REVIEWER)
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
        reviewed_by=actor,
        reviewed_at=timezone.now(),
    )


def translation_approve(
    *, actor: AbstractBaseUser, translation: Translation, version: int | None = None
) -> Translation:
    """Approve a translation (reviewers and moderators); approved texts feed the memory."""
    return _review(actor, translation, Status.APPROVED, version)


def translation_reject(
    *, actor: AbstractBaseUser, translation: Translation, version: int | None = None
) -> Translation:
    """Reject a translation (reviewers and moderators)."""
    return _review(actor, translation, Status.REJECTED, version)
