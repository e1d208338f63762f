"""The project activity feed: every change once, in order, to members only."""

import threading

import pytest
from django.db import connection, connections, transaction

from workbench.audit.models import AuditEntry

pytestmark = pytest.mark.django_db


def test_feed_returns_changes_after_a_cursor(api, annotator, reviewer, document, annotate):
    """Polling with the last id seen returns only the newer changes, oldest first."""
    claim = annotate(annotator, document, "taxes")
    url = f"/api/v1/projects/{document.project_id}/activity/"
    first = api(reviewer).get(url).json()
    assert [e["action"] for e in first["results"]] == ["create"]
    assert first["results"][0]["object_id"] == claim.pk
    assert first["more"] is False
    cursor = first["last"]
    review = api(reviewer).post(
        f"/api/v1/annotations/{claim.pk}/review/", {"decision": "accept"}, format="json"
    )
    assert review.status_code == 200
    newer = api(annotator).get(url, {"after": cursor}).json()
    assert [(e["action"], e["actor_name"]) for e in newer["results"]] == [
        ("review", reviewer.username)
    ]
    assert api(annotator).get(url, {"after": newer["last"]}).json()["results"] == []


def test_feed_pages_with_limit(api, annotator, document, annotate):
    """``limit`` caps a page and ``more`` says whether to ask again."""
    for word in ("taxes", "minister", "Critics"):
        annotate(annotator, document, word)
    url = f"/api/v1/projects/{document.project_id}/activity/"
    page = api(annotator).get(url, {"limit": 2}).json()
    assert len(page["results"]) == 2 and page["more"] is True
    rest = api(annotator).get(url, {"limit": 2, "after": page["last"]}).json()
    assert len(rest["results"]) == 1 and rest["more"] is False


def test_feed_hidden_from_outsiders_and_validates(api, outsider, annotator, document):
    """Outsiders get 404; a bad cursor gets 400 naming the parameter."""
    url = f"/api/v1/projects/{document.project_id}/activity/"
    assert api(outsider).get(url).status_code == 404
    assert api().get(url).status_code == 401
    bad = api(annotator).get(url, {"after": "yesterday"})
    assert bad.status_code == 400 and "after" in bad.json()


@pytest.mark.django_db(transaction=True)
def test_feed_skips_nothing_when_transactions_commit_out_of_order(
    api, annotator, reviewer, document, annotate
):
    """An entry whose transaction started first but commits last is still delivered to a
    client that polled in between: entries of a project commit in id order.

    SQLite has one writer at a time, so this can only happen on PostgreSQL."""
    if connection.vendor != "postgresql":
        pytest.skip("SQLite serialises all writers; ids always commit in order there")
    first_written, release_first = threading.Event(), threading.Event()

    def slow_writer() -> None:
        try:
            with transaction.atomic():
                annotate(annotator, document, "taxes")
                first_written.set()
                release_first.wait(10)
        finally:
            connections.close_all()

    def quick_writer() -> None:
        try:
            annotate(annotator, document, "minister")
        finally:
            connections.close_all()

    slow = threading.Thread(target=slow_writer)
    slow.start()
    assert first_written.wait(10)
    quick = threading.Thread(target=quick_writer)
    quick.start()
    quick.join(timeout=1.5)

    url = f"/api/v1/projects/{document.project_id}/activity/"
    client = api(reviewer)
    seen = []
    page = client.get(url).json()
    seen += [entry["id"] for entry in page["results"]]
    release_first.set()
    slow.join(10)
    quick.join(10)
    page = client.get(url, {"after": page["last"]}).json()
    seen += [entry["id"] for entry in page["results"]]
    assert sorted(seen) == list(
        AuditEntry.objects.filter(project=document.project)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    assert len(seen) == 2


def test_feed_answers_304_while_nothing_changes(api, annotator, document, annotate):
    """A poll that sends back the feed's ETag gets an empty 304 until something happens."""
    annotate(annotator, document, "taxes")
    client = api(annotator)
    url = f"/api/v1/projects/{document.project_id}/activity/"
    first = client.get(url)
    cursor, tag = first.json()["last"], first["ETag"]
    empty = client.get(url, {"after": cursor})
    again = client.get(url, {"after": cursor}, HTTP_IF_NONE_MATCH=empty["ETag"])
    assert again.status_code == 304 and not again.content
    annotate(annotator, document, "minister")
    changed = client.get(url, {"after": cursor}, HTTP_IF_NONE_MATCH=empty["ETag"])
    assert changed.status_code == 200
    assert [e["action"] for e in changed.json()["results"]] == ["create"]
    assert tag != changed["ETag"]
