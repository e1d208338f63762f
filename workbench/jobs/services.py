"""Claiming, running, releasing and recovering jobs of any registered kind.

There is one code path for running a job, :func:`job_run`, whatever starts it: a ``run_jobs``
worker polling the database, a Celery task, the inline runner or a command. A claim is one
conditional UPDATE (queued, or running with a stale heartbeat → running, owned by the caller),
so two workers never hold the same job. A kind's run function commits its work batch by batch
through :meth:`JobContext.batch`; each batch locks the job row, checks that the caller still
owns it, and writes the kind's progress fields and the heartbeat in the same transaction as the
work. A worker killed mid-job therefore loses at most the batch it had not committed, and the
next claim continues after the last committed one.
"""

from __future__ import annotations

import logging
import os
import socket
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from functools import partial

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.db.models.functions import Coalesce, Now
from django.utils.translation import gettext as _

from workbench.common.errors import Conflict, Invalid

from .models import Job, JobStatus
from .registry import JobKind, all_kinds, get_kind

logger = logging.getLogger(__name__)

#: How many candidate jobs of each kind a worker looks at per poll.
CANDIDATES = 5


#: The Celery task that runs one job (``workbench.jobs.tasks.run_job``), sent by name so that
#: the services never import the tasks that call them.
RUN_TASK = "workbench.jobs.run"


class ClaimLost(Exception):
    """The job is no longer owned by this process (another worker took it over, or it was
    queued again); the batch was rolled back and the run stops."""


class StopRequested(Exception):
    """The process is shutting down; the job goes back to the queue after its last batch."""


def default_owner() -> str:
    """``host:pid`` of this process."""
    return f"{socket.gethostname()}:{os.getpid()}"


def stale_after() -> timedelta:
    """How long a running job may go without a heartbeat before another worker may take it."""
    return timedelta(seconds=float(settings.WORKBENCH_JOB_STALE_SECONDS))


def _stale() -> Q:
    """Running jobs whose heartbeat (written by the database clock) is older than the limit."""
    return Q(status=JobStatus.RUNNING) & (
        Q(heartbeat_at__isnull=True) | Q(heartbeat_at__lt=Now() - stale_after())
    )


def _claimable() -> Q:
    return Q(status=JobStatus.QUEUED) | (
        _stale() & Q(attempts__lt=settings.WORKBENCH_JOB_MAX_ATTEMPTS)
    )


def job_is_stale(job: Job) -> bool:
    """Whether a running job may be taken over, judged by the database clock."""
    return type(job).objects.filter(pk=job.pk).filter(_stale()).exists()


def job_claim(*, kind: JobKind, job_id: int, owner: str) -> Job | None:
    """Take a queued job, or a running one whose worker stopped; None if someone else holds it.

    The claim records ``owner``, counts an attempt and writes the first heartbeat.
    """
    claimed = (
        kind.model.objects.filter(pk=job_id)
        .filter(_claimable())
        .update(
            status=JobStatus.RUNNING,
            owner=owner,
            attempts=F("attempts") + 1,
            heartbeat_at=Now(),
            started_at=Coalesce(F("started_at"), Now()),
            error="",
        )
    )
    if not claimed:
        return None
    logger.info("%s job %s claimed by %s", kind.name, job_id, owner)
    return kind.model.objects.get(pk=job_id)


def _give_up_exhausted(kind: JobKind) -> None:
    """Fail running jobs whose workers stopped ``WORKBENCH_JOB_MAX_ATTEMPTS`` times already."""
    limit = settings.WORKBENCH_JOB_MAX_ATTEMPTS
    exhausted = list(
        kind.model.objects.filter(_stale(), attempts__gte=limit).values_list("pk", flat=True)
    )
    if not exhausted:
        return
    kind.model.objects.filter(_stale(), pk__in=exhausted).update(
        status=JobStatus.FAILED,
        finished_at=Now(),
        error=_("Its worker stopped %(n)d times without finishing it; resume it to try again.")
        % {"n": limit},
    )


def job_next(*, owner: str, kinds: list[JobKind] | None = None) -> tuple[JobKind, Job] | None:
    """Claim the job queued longest (any kind), else a running job whose heartbeat is stale."""
    kinds = all_kinds() if kinds is None else kinds
    queued: list[tuple[datetime, JobKind, int]] = []
    stale: list[tuple[datetime, JobKind, int]] = []
    for kind in kinds:
        _give_up_exhausted(kind)
        rows = kind.model.objects.filter(status=JobStatus.QUEUED).order_by("queued_at", "pk")
        queued += [(at, kind, pk) for pk, at in rows.values_list("pk", "queued_at")[:CANDIDATES]]
        rows = kind.model.objects.filter(_claimable(), status=JobStatus.RUNNING)
        rows = rows.order_by(F("heartbeat_at").asc(nulls_first=True), "pk")
        stale += [(at, kind, pk) for pk, at in rows.values_list("pk", "queued_at")[:CANDIDATES]]
    for _at, kind, pk in sorted(queued, key=lambda row: row[0]) + stale:
        job = job_claim(kind=kind, job_id=pk, owner=owner)
        if job is not None:
            return kind, job
    return None


class JobContext:
    """What a kind's run function gets: batch commits, the owner and the shutdown flag."""

    def __init__(
        self,
        *,
        kind: JobKind,
        job_id: int,
        owner: str,
        stop: Callable[[], bool] | None = None,
        on_batch: Callable[[Job], None] | None = None,
    ) -> None:
        self.kind = kind
        self.job_id = job_id
        self.owner = owner
        self.batches = 0
        self._stop = stop
        self._on_batch = on_batch

    @contextmanager
    def batch(self) -> Iterator[Job]:
        """One unit of committed work: yields the job row, locked and still owned by us.

        The body writes its results and updates the job's progress fields; on leaving, those
        fields and the heartbeat are saved in the same transaction. ``ClaimLost`` is raised
        (and nothing is written) when another worker owns the job now. After the commit,
        ``StopRequested`` is raised if the process is shutting down.
        """
        kind = self.kind
        with transaction.atomic():
            job = (
                kind.model.objects.select_for_update(no_key=True)
                .filter(pk=self.job_id, owner=self.owner, status=JobStatus.RUNNING)
                .first()
            )
            if job is None:
                raise ClaimLost(f"{kind.name} job {self.job_id} is no longer owned by {self.owner}")
            yield job
            progress = {name: getattr(job, name) for name in kind.progress_fields}
            kind.model.objects.filter(pk=job.pk).update(heartbeat_at=Now(), **progress)
        self.batches += 1
        if self._on_batch is not None:
            self._on_batch(job)
        if self._stop is not None and self._stop():
            raise StopRequested


def _end(kind: JobKind, job_id: int, owner: str, status: str, error: str = "") -> None:
    kind.model.objects.filter(pk=job_id, owner=owner, status=JobStatus.RUNNING).update(
        status=status, error=error, finished_at=Now()
    )


def job_release(*, kind: JobKind, job_id: int, owner: str) -> bool:
    """Give a claimed job back to the queue (this attempt does not count); True if released."""
    released = kind.model.objects.filter(pk=job_id, owner=owner, status=JobStatus.RUNNING).update(
        status=JobStatus.QUEUED, owner="", queued_at=Now(), attempts=F("attempts") - 1
    )
    if released:
        logger.info("%s job %s released by %s", kind.name, job_id, owner)
        job_dispatch(kind.name, job_id)
    return bool(released)


def job_execute(
    *,
    kind: JobKind,
    job: Job,
    owner: str,
    stop: Callable[[], bool] | None = None,
    on_batch: Callable[[Job], None] | None = None,
) -> Job:
    """Run a job claimed by ``owner`` to its end: done, failed, released or taken over."""
    context = JobContext(kind=kind, job_id=job.pk, owner=owner, stop=stop, on_batch=on_batch)
    try:
        kind.run(job=job, context=context)
    except ClaimLost as exc:
        logger.warning("%s", exc)
    except StopRequested:
        job_release(kind=kind, job_id=job.pk, owner=owner)
    except Exception as exc:
        logger.exception("%s job %s failed", kind.name, job.pk)
        _end(kind, job.pk, owner, JobStatus.FAILED, error=str(exc) or type(exc).__name__)
    else:
        _end(kind, job.pk, owner, JobStatus.DONE)
        logger.info("%s job %s done (%s)", kind.name, job.pk, owner)
    return kind.model.objects.get(pk=job.pk)


def job_run(
    *,
    kind: str,
    job_id: int,
    owner: str | None = None,
    stop: Callable[[], bool] | None = None,
    on_batch: Callable[[Job], None] | None = None,
) -> Job | None:
    """Claim job ``job_id`` of ``kind`` and run it; None when it is not claimable."""
    spec = get_kind(kind)
    owner = owner or default_owner()
    job = job_claim(kind=spec, job_id=job_id, owner=owner)
    if job is None:
        return None
    return job_execute(kind=spec, job=job, owner=owner, stop=stop, on_batch=on_batch)


def job_dispatch(kind: str, job_id: int) -> None:
    """Hand a queued job on: run it now (inline), send it to Celery, or leave it to the
    ``run_jobs`` workers, which poll the database."""
    if settings.WORKBENCH_JOBS_INLINE:
        job_run(kind=kind, job_id=job_id, owner=f"inline {default_owner()}")
    elif settings.CELERY_BROKER_URL:
        from workbench.celery import app

        app.send_task(RUN_TASK, args=(kind, job_id))


def job_submit(*, kind: str, job_id: int) -> None:
    """Dispatch a job once the current transaction commits (a broker error is logged; the
    periodic sweep sends the job again)."""
    get_kind(kind)
    transaction.on_commit(partial(job_dispatch, kind, job_id), robust=True)


def job_requeue(*, kind: str, job: Job, submit: bool = True) -> Job:
    """Queue a failed job, or a running one whose worker stopped, again; it continues after its
    last committed batch."""
    spec = get_kind(kind)
    if job.status == JobStatus.DONE:
        raise Invalid(_("This job is finished."), field="status")
    if job.status == JobStatus.RUNNING and not job_is_stale(job):
        raise Conflict(_("This job is running."), instance=job)
    spec.model.objects.filter(pk=job.pk).exclude(status=JobStatus.DONE).filter(
        Q(status__in=[JobStatus.QUEUED, JobStatus.FAILED]) | _stale()
    ).update(status=JobStatus.QUEUED, owner="", attempts=0, error="", queued_at=Now())
    job.refresh_from_db()
    if submit:
        job_submit(kind=kind, job_id=job.pk)
    return job


def job_sweep(*, kinds: list[JobKind] | None = None) -> list[tuple[str, int]]:
    """Jobs a broker may have lost: queued for longer than the stale limit, or running with a
    stale heartbeat. Fails those out of attempts and returns the others to be sent again;
    a queued job is returned at most once per stale period."""
    found: list[tuple[str, int]] = []
    for kind in all_kinds() if kinds is None else kinds:
        _give_up_exhausted(kind)
        waiting = kind.model.objects.filter(
            status=JobStatus.QUEUED, queued_at__lt=Now() - stale_after()
        )
        ids = list(waiting.values_list("pk", flat=True))
        kind.model.objects.filter(pk__in=ids, status=JobStatus.QUEUED).update(queued_at=Now())
        ids += kind.model.objects.filter(_claimable(), status=JobStatus.RUNNING).values_list(
            "pk", flat=True
        )
        found += [(kind.name, pk) for pk in ids]
    return found
