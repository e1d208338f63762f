"""The training job kind: one training run of a learned recommender, run by any job worker.

Registered from ``SuggestionConfig.ready()``; the training itself is
``services.training_run_execute``.
"""

from workbench.jobs.registry import JobKind, register

from .models import TrainingRun
from .services import JOB_KIND, training_job_run

TRAINING_JOBS = JobKind(name=JOB_KIND, model=TrainingRun, run=training_job_run)


def register_kind() -> None:
    """Make training runs known to the job registry."""
    register(TRAINING_JOBS)
