"""The translation job kind: drafting a document's segments, run by any job worker.

Registered from ``TranslationConfig.ready()``; the drafting itself is
``services.translation_job_run``.
"""

from workbench.jobs.registry import JobKind, register

from .models import TranslationJob
from .services import JOB_KIND, translation_job_run

TRANSLATION_JOBS = JobKind(
    name=JOB_KIND,
    model=TranslationJob,
    run=translation_job_run,
    progress_fields=("done", "drafted", "skipped"),
)


def register_kind() -> None:
    """Make translation jobs known to the job registry."""
    register(TRANSLATION_JOBS)
