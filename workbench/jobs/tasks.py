"""Celery tasks: run one job by kind and id, and sweep for jobs a broker or worker lost.

Both only call ``workbench.jobs.services``. A worker that is shutting down (warm shutdown)
stops its job after the current batch and sends it back to the queue.
"""

from __future__ import annotations

import os
import threading
from typing import Any

from celery.signals import worker_ready, worker_shutting_down

from workbench.celery import app

from .services import RUN_TASK, job_run, job_sweep

_shutting_down = threading.Event()


@app.task(name=RUN_TASK, bind=True, ignore_result=True)
def run_job(self: Any, kind: str, job_id: int) -> None:
    """Claim job ``job_id`` of ``kind`` and run it; a job held by a live worker is left alone."""
    job_run(
        kind=kind,
        job_id=job_id,
        owner=f"{self.request.hostname}:{os.getpid()}",
        stop=_shutting_down.is_set,
    )


@app.task(name="workbench.jobs.sweep", ignore_result=True)
def sweep_jobs() -> int:
    """Send again every job left queued too long or whose worker stopped; returns how many."""
    found = job_sweep()
    for kind, job_id in found:
        run_job.delay(kind, job_id)
    return len(found)


@worker_ready.connect
def _sweep_on_start(**_kwargs: Any) -> None:
    sweep_jobs.delay()


@worker_shutting_down.connect
def _stop_jobs(**_kwargs: Any) -> None:
    _shutting_down.set()
