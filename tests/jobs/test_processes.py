"""Real worker processes: a run_jobs worker and a Celery worker (on a real redis-server) are
killed with SIGKILL in the middle of a job, another is started, and the job completes with
every draft present exactly once. Also: ``serve`` serves the app and runs jobs by itself."""

import os
import signal
import urllib.request
from pathlib import Path

import pytest
from django.db.models import Count

from tests.factories import acting, make_document
from tests.processes import (
    celery_worker,
    child_env,
    free_port,
    manage,
    port_open,
    redis_server,
    wait_for,
)
from workbench.jobs.models import JobStatus
from workbench.translation.models import Translation, TranslationJob
from workbench.translation.services import segment_source, translation_job_create

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("installed")]

SEED = Path(__file__).resolve().parents[2] / "seeds" / "004_e865a5cbf46ebc2f.txt"
#: Small batches and a short stale limit, so a killed worker's job is taken over quickly.
JOB_ENV = {
    "WORKBENCH_MT_JOB_FIRST_BATCH_SIZE": "1",
    "WORKBENCH_MT_JOB_BATCH_SIZE": "2",
    "WORKBENCH_JOB_STALE_SECONDS": "3",
    "WORKBENCH_JOB_POLL_SECONDS": "0.2",
    "WORKBENCH_JOB_SWEEP_SECONDS": "1",
}
#: Progress (in segments) a worker must have committed before it is killed.
KILL_AFTER = 20


@pytest.fixture
def document(project):
    """The first 300 lines of the English seed (about 200 segments), to draft into Arabic."""
    lines = SEED.read_text(encoding="utf-8").splitlines()[:300]
    return make_document(project, "\n".join(lines) + "\n", name="seed-004.txt")


def _job(job_id: int) -> TranslationJob:
    return TranslationJob.objects.get(pk=job_id)


def _kill_mid_job(worker, job_id: int) -> TranslationJob:
    """Wait until the worker has committed some batches, SIGKILL it, and return the job."""
    wait_for(
        lambda: _job(job_id).done >= KILL_AFTER,
        180,
        f"the first worker to draft {KILL_AFTER} segments\n{worker.output()}",
    )
    worker.kill()
    return _job(job_id)


def _check_complete(job: TranslationJob) -> None:
    """Done, and every segment that needs a draft has exactly one, as the counters say."""
    assert job.status == JobStatus.DONE, job.error
    drafts = Translation.objects.filter(segment__document=job.document, target=job.target)
    assert not drafts.values("segment").annotate(n=Count("pk")).filter(n__gt=1).exists()
    wanted = {
        segment.pk
        for segment in job.document.segments.all()
        if segment.text.strip() and segment_source(segment, target=job.target)
    }
    assert set(drafts.values_list("segment_id", flat=True)) == wanted
    assert (job.done, job.drafted, job.skipped) == (job.total, len(wanted), job.total - len(wanted))


def test_run_jobs_worker_killed_mid_job_loses_nothing(annotator, document, tmp_path):
    """run_jobs worker A is SIGKILLed mid-job: its committed drafts match its counters and the
    job stays running under A. Worker B takes the job over once A's heartbeat is stale,
    continues after the last committed batch, and finishes with every draft present once."""
    env = child_env(**JOB_ENV)
    job = translation_job_create(actor=acting(annotator, document), document=document, target="ar")
    first = manage("run_jobs", "--name", "worker-a", env=env, log=tmp_path / "a.log")
    try:
        killed = _kill_mid_job(first, job.pk)
    finally:
        first.stop()
    assert (killed.status, killed.owner, killed.attempts) == (JobStatus.RUNNING, "worker-a", 1)
    assert KILL_AFTER <= killed.done < killed.total
    assert Translation.objects.filter(segment__document=document).count() == killed.drafted
    second = manage("run_jobs", "--name", "worker-b", env=env, log=tmp_path / "b.log")
    try:
        wait_for(
            lambda: _job(job.pk).status != JobStatus.RUNNING or _job(job.pk).owner == "worker-b",
            60,
            f"worker B to take the job over\n{second.output()}",
        )
        done = wait_for(
            lambda: (row := _job(job.pk)).status != JobStatus.RUNNING and row,
            300,
            f"the job to finish\n{second.output()}",
        )
    finally:
        assert second.stop() == 0, second.output()
    assert (done.owner, done.attempts) == ("worker-b", 2)
    _check_complete(done)
    assert "worker-b stopped after 1 jobs" in second.output()


def test_celery_worker_killed_mid_job_loses_nothing(document, tmp_path):
    """With CELERY_BROKER_URL set, a job queued by a command goes through a real redis-server
    to Celery worker A, which is SIGKILLed mid-job. Worker B, started with beat, sweeps the
    stale job back onto the queue, resumes it and completes it with every draft once."""
    with redis_server(tmp_path) as broker:
        env = child_env(**JOB_ENV, CELERY_BROKER_URL=broker)
        first = celery_worker("a", env=env, log=tmp_path / "celery-a.log")
        try:
            queue = manage(
                "draft_translations",
                "--document",
                str(document.pk),
                "--target",
                "ar",
                "--queue",
                env=env,
                log=tmp_path / "queue.log",
            )
            assert queue.popen.wait(timeout=120) == 0, queue.output()
            job_id = int(queue.output().split("Job ")[1].split(":")[0])
            killed = _kill_mid_job(first, job_id)
        finally:
            first.stop()
        assert killed.status == JobStatus.RUNNING and killed.owner.startswith("a@")
        assert Translation.objects.filter(segment__document=document).count() == killed.drafted
        second = celery_worker(
            "b", "--beat", "--schedule", str(tmp_path / "beat"), env=env, log=tmp_path / "b.log"
        )
        try:
            done = wait_for(
                lambda: (row := _job(job_id)).status == JobStatus.DONE and row,
                300,
                f"worker B to finish the job\n{second.output()}",
            )
        finally:
            second.stop()
    assert done.owner.startswith("b@") and done.attempts == 2
    _check_complete(done)


def test_serve_runs_the_server_and_a_job_worker(annotator, project, tmp_path):
    """``manage.py serve`` (what ``make run`` starts) answers HTTP and drafts a queued job with
    no other command, switching debug mode on by itself (neither DEBUG nor SECRET_KEY is set);
    interrupting it, as Ctrl-C does, stops the server and its worker."""
    document = make_document(project, "الثورة السورية مستمرة.\n\nلا بديل عن الحرية.\n")
    port = free_port()
    env = child_env()
    del env["DEBUG"]
    env.pop("SECRET_KEY", None)
    server = manage("serve", f"127.0.0.1:{port}", env=env, log=tmp_path / "serve.log")
    try:
        wait_for(lambda: port_open(port), 120, f"the server to listen\n{server.output()}")
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/admin/login/") as response:
            assert response.status == 200
        job = translation_job_create(
            actor=acting(annotator, document), document=document, target="en"
        )
        done = wait_for(
            lambda: (row := _job(job.pk)).status == JobStatus.DONE and row,
            120,
            f"the job to finish\n{server.output()}",
        )
        worker_pid = int(done.owner.rsplit(":", 1)[1])
        assert worker_pid != server.pid
        server.signal_group(signal.SIGINT)
        server.popen.wait(timeout=60)
        wait_for(lambda: not _alive(worker_pid), 60, "the job worker to exit")
    finally:
        server.stop()
    assert Translation.objects.filter(segment__document=document).count() == 2


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    with open(f"/proc/{pid}/stat") as stat:
        return stat.read().split()[2] != "Z"
