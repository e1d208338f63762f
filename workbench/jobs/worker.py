"""The database-polling worker behind ``manage.py run_jobs``: one job at a time, any kind.

It claims the job queued longest, else a running job whose heartbeat went stale (its worker
died), and runs it through ``services.job_execute``. ``stop()`` (SIGTERM, SIGINT) lets the
current batch commit, gives the job back to the queue and ends the loop.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable

from django.db import close_old_connections

from .registry import JobKind
from .services import job_execute, job_next

logger = logging.getLogger(__name__)


class Worker:
    """Poll the database for jobs and run them one after the other."""

    def __init__(
        self,
        *,
        owner: str,
        kinds: list[JobKind] | None = None,
        poll_seconds: float = 1.0,
        once: bool = False,
        parent_pid: int | None = None,
        report: Callable[[str], None] | None = None,
    ) -> None:
        self.owner = owner
        self.kinds = kinds
        self.poll_seconds = poll_seconds
        self.once = once
        self.parent_pid = parent_pid
        self.report = report or logger.info
        self.jobs_run = 0
        self._stop = threading.Event()

    def stop(self) -> None:
        """Finish the current batch, give the job back to the queue, and return from run()."""
        self._stop.set()

    @property
    def stopping(self) -> bool:
        """Whether stop() was called, or the parent process this worker serves has gone."""
        if self.parent_pid is not None and os.getppid() != self.parent_pid:
            self._stop.set()
        return self._stop.is_set()

    def run_once(self) -> bool:
        """Claim and run one job; False when there was none to claim."""
        close_old_connections()
        try:
            found = job_next(owner=self.owner, kinds=self.kinds)
            if found is None:
                return False
            kind, job = found
            self.report(f"{kind.name} job {job.pk}: claimed by {self.owner}")
            job = job_execute(kind=kind, job=job, owner=self.owner, stop=lambda: self.stopping)
            self.jobs_run += 1
            self.report(f"{kind.name} job {job.pk}: {job.status}")
            return True
        finally:
            close_old_connections()

    def run(self) -> int:
        """Work until stopped (or, with ``once``, until no job is left); returns jobs run."""
        while not self.stopping:
            try:
                if self.run_once():
                    continue
            except Exception:
                logger.exception("job worker %s: unexpected error", self.owner)
            if self.once:
                break
            self._stop.wait(self.poll_seconds)
        return self.jobs_run
