"""Claims, batches and heartbeats of the job machinery, on real translation jobs in-process."""

import threading

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.factories import acting
from tests.translation.factories import arabic_document
from workbench.jobs.models import JobStatus
from workbench.jobs.registry import UnknownJobKind, get_kind
from workbench.jobs.services import (
    ClaimLost,
    JobContext,
    job_claim,
    job_execute,
    job_next,
    job_run,
    stale_after,
)
from workbench.jobs.worker import Worker
from workbench.translation.models import Translation, TranslationJob
from workbench.translation.services import JOB_KIND, translation_job_create

pytestmark = pytest.mark.usefixtures("installed")


@pytest.fixture
def kind():
    return get_kind(JOB_KIND)


@pytest.fixture
def job(project, annotator):
    document = arabic_document(project)
    return translation_job_create(
        actor=acting(annotator, document), document=document, target="en", submit=False
    )


def _make_stale(job: TranslationJob) -> None:
    TranslationJob.objects.filter(pk=job.pk).update(heartbeat_at=timezone.now() - stale_after() * 2)


def test_a_claim_is_exclusive_and_records_its_owner(kind, job):
    """The first claim wins and records owner, attempt and heartbeat; a second claimant gets
    nothing while the heartbeat is fresh."""
    claimed = job_claim(kind=kind, job_id=job.pk, owner="host-a:1")
    assert (claimed.status, claimed.owner, claimed.attempts) == (JobStatus.RUNNING, "host-a:1", 1)
    assert claimed.heartbeat_at is not None and claimed.started_at is not None
    assert job_claim(kind=kind, job_id=job.pk, owner="host-b:2") is None


def test_a_stale_job_is_taken_over_and_the_old_owner_can_write_nothing(kind, job):
    """Once the heartbeat is stale another worker claims the job; a batch of the first owner
    then raises ClaimLost and its writes are rolled back."""
    job_claim(kind=kind, job_id=job.pk, owner="host-a:1")
    _make_stale(job)
    taken = job_claim(kind=kind, job_id=job.pk, owner="host-b:2")
    assert (taken.owner, taken.attempts) == ("host-b:2", 2)
    context = JobContext(kind=kind, job_id=job.pk, owner="host-a:1")
    with pytest.raises(ClaimLost), context.batch() as row:
        row.done = 3
    job.refresh_from_db()
    assert (job.done, job.owner) == (0, "host-b:2")


def test_heartbeat_is_written_once_per_batch_with_the_progress(kind, job, settings):
    """With batches of 2 segments and an engine splitting them into sub-batches of 1, the job
    row is updated once per batch (progress and heartbeat together), plus claim and finish."""
    settings.WORKBENCH_MT_JOB_BATCH_SIZE = 2
    settings.WORKBENCH_MT_MAX_BATCH_SIZE = 1
    heartbeats = []
    with CaptureQueriesContext(connection) as queries:
        done = job_run(
            kind=JOB_KIND,
            job_id=job.pk,
            owner="w",
            on_batch=lambda row: heartbeats.append(row.done),
        )
    updates = [
        q["sql"]
        for q in queries.captured_queries
        if q["sql"].startswith("UPDATE") and "translation_translationjob" in q["sql"]
    ]
    assert done.status == JobStatus.DONE
    assert heartbeats == [2, 4, 6]
    assert len(updates) == 1 + len(heartbeats) + 1
    assert all('"heartbeat_at"' in sql for sql in updates[1:-1])


def test_stopping_gives_the_job_back_after_the_current_batch(kind, job, settings):
    """A worker asked to stop commits its batch, then the job is queued again with no owner,
    and the interrupted claim does not count as an attempt."""
    settings.WORKBENCH_MT_JOB_BATCH_SIZE = 2
    claimed = job_claim(kind=kind, job_id=job.pk, owner="w")
    result = job_execute(kind=kind, job=claimed, owner="w", stop=lambda: True)
    assert (result.status, result.done, result.owner, result.attempts) == (
        JobStatus.QUEUED,
        2,
        "",
        0,
    )
    assert Translation.objects.count() == 2


@pytest.mark.django_db(transaction=True)
def test_worker_runs_queued_then_stale_jobs(project, annotator, job):
    """The run_jobs worker drafts the queued job and takes over a stale running one, recording
    itself as owner on both; then it finds nothing more."""
    other = arabic_document(project, text="نص آخر عن الثورة.\n", name="other.txt")
    stale = translation_job_create(
        actor=acting(annotator, other), document=other, target="en", submit=False
    )
    TranslationJob.objects.filter(pk=stale.pk).update(
        status=JobStatus.RUNNING, owner="dead:1", attempts=1
    )
    _make_stale(stale)
    worker = Worker(owner="worker-1", once=True)
    assert worker.run() == 2
    for row in (job, stale):
        row.refresh_from_db()
        assert (row.status, row.owner) == (JobStatus.DONE, "worker-1")
    assert stale.attempts == 2
    assert Translation.objects.filter(segment__document=job.document).count() == 5
    assert Translation.objects.filter(segment__document=other).count() == 1
    assert job_next(owner="worker-1") is None


def test_a_job_whose_workers_keep_dying_fails_with_a_reason(job, settings):
    """A stale job that has used up its attempts is marked failed instead of claimed again."""
    settings.WORKBENCH_JOB_MAX_ATTEMPTS = 2
    TranslationJob.objects.filter(pk=job.pk).update(status=JobStatus.RUNNING, attempts=2)
    _make_stale(job)
    assert job_next(owner="w") is None
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED
    assert "stopped 2 times" in job.error


def test_polling_a_job_starts_nothing(api, annotator, job):
    """GET on a job reports it and starts no thread or job: it stays queued."""
    threads = threading.active_count()
    response = api(annotator).get(f"/api/v1/jobs/{job.pk}/")
    assert response.status_code == 200
    assert response.json()["status"] == "queued"
    job.refresh_from_db()
    assert job.status == JobStatus.QUEUED and threading.active_count() == threads


def test_submitting_without_a_broker_leaves_the_job_to_the_workers(
    api, annotator, project, django_capture_on_commit_callbacks
):
    """Without CELERY_BROKER_URL or inline mode, a new job waits, queued, for run_jobs."""
    document = arabic_document(project)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = api(annotator).post(
            f"/api/v1/documents/{document.pk}/translations/", {"target": "en"}, "json"
        )
    assert response.status_code == 202 and len(callbacks) == 1
    assert TranslationJob.objects.get(pk=response.json()["id"]).status == JobStatus.QUEUED


def test_unknown_kinds_are_refused():
    """Looking up or running an unregistered kind names the known ones."""
    with pytest.raises(UnknownJobKind, match="translation"):
        get_kind("nope")
    with pytest.raises(CommandError, match="no job kind 'nope'"):
        call_command("run_jobs", "--kind", "nope", "--once")
