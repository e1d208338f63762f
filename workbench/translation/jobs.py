"""Job runners: how queued drafting jobs get executed, behind one small interface.

``JobRunner.submit(job_id)`` is all the services call. The default ``ThreadRunner`` needs no
extra service: one daemon thread per process picks queued jobs from the database (and resumes
running jobs whose progress went stale, e.g. after a crash). ``InlineRunner`` runs the job at
once in the caller (tests, ``WORKBENCH_JOBS_INLINE=1``). A Celery runner would implement
``submit`` as ``task.delay(job_id)`` with a task that calls :func:`run_job`.
"""

from __future__ import annotations

import logging
import threading
from abc import ABC, abstractmethod

from django.conf import settings
from django.db import close_old_connections
from django.utils import timezone
from django.utils.module_loading import import_string

from .models import JobStatus, TranslationJob
from .services import STALE_AFTER, translation_job_claim, translation_job_run

logger = logging.getLogger(__name__)


def run_job(job_id: int, *, resume: bool = False) -> TranslationJob | None:
    """Claim and run one job; any unexpected error marks it failed. Returns the job or None."""
    job = translation_job_claim(job_id=job_id, resume=resume)
    if job is None:
        return None
    try:
        return translation_job_run(job=job)
    except Exception as exc:
        logger.exception("translation job %s failed", job_id)
        TranslationJob.objects.filter(pk=job_id).update(
            status=JobStatus.FAILED, error=str(exc), finished_at=timezone.now()
        )
        raise


class JobRunner(ABC):
    """Executes translation jobs; subclasses decide where and when."""

    @abstractmethod
    def submit(self, job_id: int) -> None:
        """Arrange for job ``job_id`` (already queued in the database) to run."""

    def ensure_started(self) -> None:  # noqa: B027 - an optional hook, not abstract
        """Start any background machinery (no-op by default)."""


class InlineRunner(JobRunner):
    """Run each job synchronously in the submitting thread."""

    def submit(self, job_id: int) -> None:
        run_job(job_id)


class ThreadRunner(JobRunner):
    """One daemon thread per process that drains queued and stale jobs from the database."""

    poll_seconds = 5.0

    def __init__(self) -> None:
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()

    def submit(self, job_id: int) -> None:
        self.ensure_started()
        self._wake.set()

    def stop(self, timeout: float | None = None) -> None:
        """Ask the thread to exit after its current job and wait up to ``timeout`` seconds."""
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout)

    def ensure_started(self) -> None:
        with self._lock:
            if self._stop.is_set():
                return
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(
                    target=self._loop, name="translation-jobs", daemon=True
                )
                self._thread.start()

    def next_job_id(self) -> tuple[int, bool] | None:
        """Return the oldest queued job, else a running job whose heartbeat is stale."""
        queued = (
            TranslationJob.objects.filter(status=JobStatus.QUEUED)
            .order_by("created_at")
            .values_list("pk", flat=True)
            .first()
        )
        if queued is not None:
            return queued, False
        stale = (
            TranslationJob.objects.filter(
                status=JobStatus.RUNNING, heartbeat_at__lt=timezone.now() - STALE_AFTER
            )
            .order_by("created_at")
            .values_list("pk", flat=True)
            .first()
        )
        return (stale, True) if stale is not None else None

    def _loop(self) -> None:
        while not self._stop.is_set():
            close_old_connections()
            try:
                found = self.next_job_id()
                if found is not None:
                    run_job(found[0], resume=found[1])
                    continue
            except Exception:
                logger.exception("translation job runner error")
            finally:
                close_old_connections()
            self._wake.wait(self.poll_seconds)
            self._wake.clear()


_runners: dict[str, JobRunner] = {}
_runners_lock = threading.Lock()


def get_runner() -> JobRunner:
    """Return this process's runner: ``settings.WORKBENCH_JOB_RUNNER`` (a dotted path), else
    inline when ``WORKBENCH_JOBS_INLINE`` is true, else the thread runner."""
    path = getattr(settings, "WORKBENCH_JOB_RUNNER", "")
    if not path:
        inline = getattr(settings, "WORKBENCH_JOBS_INLINE", False)
        path = f"{__name__}.{'InlineRunner' if inline else 'ThreadRunner'}"
    with _runners_lock:
        if path not in _runners:
            _runners[path] = import_string(path)()
        return _runners[path]
