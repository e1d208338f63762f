"""Concurrent reviews and edits of one annotation: one wins, the others get a conflict.

Each thread has its own database connection, so on PostgreSQL this exercises the row lock
(select_for_update) and on SQLite the database write lock.
"""

import pytest

from tests.factories import acting
from tests.threads import race
from workbench.annotation import services
from workbench.annotation.models import Annotation, Status
from workbench.common.errors import Conflict

pytestmark = pytest.mark.django_db(transaction=True)


def _history(api, user, annotation, action: str) -> int:
    rows = api(user).get(f"/api/v1/annotations/{annotation.pk}/history/").json()
    rows = rows["results"] if isinstance(rows, dict) else rows
    return sum(1 for row in rows if row["action"] == action)


def test_concurrent_reviews_of_one_version_apply_once(api, annotator, reviewer, document, annotate):
    """Eight reviewers accept or reject version 1 at the same moment: one review is applied
    (version 2), seven get Conflict, and the history holds one review."""
    annotation = annotate(annotator, document, "taxes")
    loaded = [Annotation.objects.get(pk=annotation.pk) for _ in range(8)]
    results = race(
        lambda i: services.annotation_review(
            actor=acting(reviewer, loaded[i]),
            annotation=loaded[i],
            decision="accept" if i % 2 else "reject",
            reason="" if i % 2 else "Not check-worthy.",
            version=1,
        )
    )
    applied = [r for r in results if isinstance(r, Annotation)]
    assert len(applied) == 1, results
    assert sum(isinstance(r, Conflict) for r in results) == 7
    annotation.refresh_from_db()
    assert (annotation.version, annotation.status) == (2, applied[0].status)
    assert annotation.status in (Status.ACCEPTED, Status.REJECTED)
    assert _history(api, reviewer, annotation, "review") == 1


def test_concurrent_edits_of_one_version_apply_once(api, annotator, document, annotate):
    """Eight edits of version 1 by the author at once: one is saved, seven get Conflict."""
    annotation = annotate(annotator, document, "taxes")
    topics = [f"topic {i}" for i in range(8)]
    loaded = [Annotation.objects.get(pk=annotation.pk) for _ in range(8)]
    results = race(
        lambda i: services.annotation_update(
            actor=acting(annotator, loaded[i]),
            annotation=loaded[i],
            version=1,
            attributes={"checkworthy": "yes", "topic": topics[i]},
        )
    )
    applied = [r for r in results if isinstance(r, Annotation)]
    assert len(applied) == 1, results
    assert sum(isinstance(r, Conflict) for r in results) == 7
    annotation.refresh_from_db()
    assert (annotation.version, annotation.attributes) == (2, applied[0].attributes)
    assert _history(api, annotator, annotation, "edit") == 1
