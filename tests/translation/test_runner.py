"""The embedded thread runner drafts queued jobs in the background and resumes stale ones."""

import time

import pytest
from django.utils import timezone

from tests.translation.factories import arabic_document
from workbench.translation.jobs import ThreadRunner
from workbench.translation.models import JobStatus, Translation, TranslationJob
from workbench.translation.services import STALE_AFTER, translation_job_create


def _wait_for(job: TranslationJob, deadline_seconds: float = 120) -> TranslationJob:
    deadline = time.monotonic() + deadline_seconds
    while time.monotonic() < deadline:
        job.refresh_from_db()
        if job.status in (JobStatus.DONE, JobStatus.FAILED):
            break
        time.sleep(0.1)
    return job


@pytest.mark.django_db(transaction=True)
def test_thread_runner_drafts_queued_and_stale_jobs(project, annotator, installed):
    """A queued job and a stale running job both end up done, drafted by the worker thread."""
    document = arabic_document(project)
    queued = translation_job_create(actor=annotator, document=document, target="en", submit=False)
    other = arabic_document(project, text="نص آخر عن الثورة.\n", name="other.txt")
    stale = translation_job_create(actor=annotator, document=other, target="en", submit=False)
    TranslationJob.objects.filter(pk=stale.pk).update(
        status=JobStatus.RUNNING, heartbeat_at=timezone.now() - STALE_AFTER * 2
    )
    runner = ThreadRunner()
    runner.poll_seconds = 0.1
    try:
        runner.submit(queued.pk)
        assert _wait_for(queued).status == JobStatus.DONE
        assert _wait_for(stale).status == JobStatus.DONE
    finally:
        runner.stop(timeout=30)
    assert Translation.objects.filter(segment__document=document).count() == 5
    assert Translation.objects.filter(segment__document=other).count() == 1
