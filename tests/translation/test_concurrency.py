"""Concurrent edits and reviews of one translation: one wins, the others get a conflict.

Each thread has its own database connection, so on PostgreSQL this exercises the row lock
(select_for_update) and on SQLite the database write lock.
"""

import pytest

from tests.factories import acting
from tests.threads import race
from tests.translation.factories import arabic_document
from workbench.common.errors import Conflict
from workbench.jobs.services import job_run
from workbench.translation import services
from workbench.translation.models import Status, Translation
from workbench.translation.services import JOB_KIND

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("installed")]


@pytest.fixture
def draft(project, annotator) -> Translation:
    document = arabic_document(project)
    job = services.translation_job_create(
        actor=acting(annotator, document), document=document, target="en", submit=False
    )
    job_run(kind=JOB_KIND, job_id=job.pk)
    return Translation.objects.order_by("segment__index").first()


def _edits_in_feed(api, user, project, translation) -> int:
    feed = api(user).get(f"/api/v1/projects/{project.pk}/activity/", {"limit": 500}).json()
    return sum(
        1
        for entry in feed["results"]
        if entry["object_id"] == translation.pk and entry["action"] in ("edit", "review")
    )


def test_concurrent_edits_from_one_version_keep_exactly_one(api, annotator, project, draft):
    """Eight editors who loaded version 1 send their edits at the same moment: one edit is
    saved (version 2, its text), seven get Conflict, and the audit trail records one edit."""
    loaded = [Translation.objects.get(pk=draft.pk) for _ in range(8)]
    results = race(
        lambda i: services.translation_edit(
            actor=acting(annotator, loaded[i]),
            translation=loaded[i],
            text=f"Edit number {i}.",
            version=1,
        )
    )
    saved = [r for r in results if isinstance(r, Translation)]
    assert len(saved) == 1, results
    assert all(isinstance(r, Conflict) for r in results if r is not saved[0])
    draft.refresh_from_db()
    assert (draft.version, draft.text, draft.status) == (2, saved[0].text, Status.EDITED)
    assert _edits_in_feed(api, annotator, project, draft) == 1


def test_concurrent_reviews_keep_exactly_one(api, reviewer, project, draft):
    """Eight reviewers who loaded version 1 approve or reject it at once: exactly one decision
    is applied, the other seven get Conflict."""
    loaded = [Translation.objects.get(pk=draft.pk) for _ in range(8)]
    results = race(
        lambda i: (services.translation_approve if i % 2 else services.translation_reject)(
            actor=acting(reviewer, loaded[i]), translation=loaded[i], version=1
        )
    )
    applied = [r for r in results if isinstance(r, Translation)]
    assert len(applied) == 1, results
    assert sum(isinstance(r, Conflict) for r in results) == 7
    draft.refresh_from_db()
    assert (draft.version, draft.status) == (2, applied[0].status)
    assert _edits_in_feed(api, reviewer, project, draft) == 1


def test_concurrent_hand_translations_of_one_segment_keep_exactly_one(annotator, project):
    """Eight people write a translation of the same segment at the same moment: one is
    saved and audited, seven get Conflict carrying it (never a database error)."""
    document = arabic_document(project)
    segment = document.segments.order_by("index").first()
    results = race(
        lambda i: services.translation_create(
            actor=acting(annotator, segment), segment=segment, target="en", text=f"Version {i}."
        )
    )
    saved = [r for r in results if isinstance(r, Translation)]
    assert len(saved) == 1, results
    conflicts = [r for r in results if r is not saved[0]]
    assert all(isinstance(r, Conflict) and r.instance.pk == saved[0].pk for r in conflicts)
    assert Translation.objects.filter(segment=segment, target="en").count() == 1
