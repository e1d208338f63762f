"""The workspace's "Draft the whole document" button with a real run_jobs worker process: the job is
queued by the web request, drafted by the worker, and its progress shown until done."""

import pytest
from playwright.sync_api import expect

from tests.processes import child_env, manage
from tests.web.workspace_helpers import login, open_document
from workbench.jobs.models import JobStatus
from workbench.translation.models import Translation, TranslationJob

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("installed"),
]


def test_draft_button_runs_on_the_worker(live_server, browser, seed_document, team, tmp_path):
    """With jobs left to the workers (no inline mode), clicking "Draft the whole document" shows the
    job's progress until it is done; the worker process is recorded as the job's owner and
    every Arabic segment has its draft."""
    worker = manage("run_jobs", "--name", "browser-worker", env=child_env(), log=tmp_path / "w")
    try:
        page = login(browser, live_server.url, "rami")
        open_document(page, live_server.url, seed_document.pk, "?target=en")
        page.click("[data-testid=draft-document]")
        expect(page.locator("#job-progress")).to_contain_text("Done", timeout=120_000)
    finally:
        worker.stop()
    job = TranslationJob.objects.get(document=seed_document)
    assert (job.status, job.owner) == (JobStatus.DONE, "browser-worker")
    arabic = seed_document.segments.filter(language="ar")
    drafts = Translation.objects.filter(segment__document=seed_document, target="en")
    assert drafts.count() == arabic.count() > 0
