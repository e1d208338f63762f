"""Editing and reviewing translations: versions, statuses and permissions."""

import pytest

from tests.factories import acting
from tests.translation.factories import arabic_document
from workbench.jobs.services import job_run
from workbench.translation.models import Origin, Status, Translation
from workbench.translation.services import JOB_KIND, translation_job_create


@pytest.fixture
def draft(project, installed, annotator) -> Translation:
    document = arabic_document(project)
    job = translation_job_create(
        actor=acting(annotator, document), document=document, target="en", submit=False
    )
    job_run(kind=JOB_KIND, job_id=job.pk)
    return Translation.objects.order_by("segment__index").first()


def test_segment_lists_its_translations(api, annotator, draft):
    """Members list a segment's translations; outsiders get 404."""
    response = api(annotator).get(f"/api/v1/segments/{draft.segment_id}/translations/")
    assert response.status_code == 200
    assert [row["id"] for row in response.json()["results"]] == [draft.pk]


def test_edit_sets_status_edited_and_keeps_origin(api, annotator, draft):
    """PATCH with the current version changes the text, status edited, origin unchanged."""
    response = api(annotator).patch(
        f"/api/v1/translations/{draft.pk}/", {"text": "Fixed.", "version": 1}, "json"
    )
    assert response.status_code == 200
    body = response.json()
    assert (body["text"], body["status"], body["origin"], body["version"]) == (
        "Fixed.",
        Status.EDITED,
        Origin.MACHINE,
        2,
    )
    assert body["edited_by"] == annotator.username


def test_stale_version_is_a_conflict_with_current_state(api, annotator, reviewer, draft):
    """A PATCH with an old version gets 409 and the current translation; nothing changes."""
    api(reviewer).patch(f"/api/v1/translations/{draft.pk}/", {"text": "One.", "version": 1})
    response = api(annotator).patch(
        f"/api/v1/translations/{draft.pk}/", {"text": "Two.", "version": 1}, "json"
    )
    assert response.status_code == 409
    assert response.json()["current"]["text"] == "One."
    assert response.json()["current"]["version"] == 2
    draft.refresh_from_db()
    assert draft.text == "One."


def test_review_permissions(api, annotator, reviewer, outsider, draft):
    """Annotators get 403 on approve/reject, outsiders 404; reviewers approve and reject."""
    url = f"/api/v1/translations/{draft.pk}"
    assert api(annotator).post(f"{url}/approve/").status_code == 403
    assert api(annotator).post(f"{url}/reject/").status_code == 403
    assert api(outsider).post(f"{url}/approve/").status_code == 404
    assert api(outsider).get(f"{url}/").status_code == 404
    assert api(outsider).patch(f"{url}/", {"text": "x", "version": 1}).status_code == 404
    response = api(reviewer).post(f"{url}/approve/")
    assert response.status_code == 200
    assert (response.json()["status"], response.json()["reviewed_by"]) == (
        Status.APPROVED,
        reviewer.username,
    )
    again = api(reviewer).post(f"{url}/approve/")
    assert again.status_code == 400
    rejected = api(reviewer).post(f"{url}/reject/", {"version": 2}, "json")
    assert rejected.status_code == 200 and rejected.json()["status"] == Status.REJECTED


def test_editing_an_approved_translation_needs_review_again(api, reviewer, draft):
    """Changing an approved text makes it edited and clears the review."""
    api(reviewer).post(f"/api/v1/translations/{draft.pk}/approve/")
    response = api(reviewer).patch(
        f"/api/v1/translations/{draft.pk}/", {"text": "New.", "version": 2}, "json"
    )
    assert response.json()["status"] == Status.EDITED
    assert response.json()["reviewed_by"] is None


def test_etag_and_if_match(api, annotator, reviewer, draft):
    """Responses carry an ETag; If-Match stands in for ``version``; a stale tag gets 409."""
    url = f"/api/v1/translations/{draft.pk}/"
    first = api(annotator).get(url)
    assert first["ETag"] == f'"{draft.pk}-1"'
    edited = api(annotator).patch(url, {"text": "Tagged."}, "json", HTTP_IF_MATCH=first["ETag"])
    assert edited.status_code == 200
    assert edited["ETag"] == f'"{draft.pk}-2"'
    stale = api(reviewer).patch(url, {"text": "Late."}, "json", HTTP_IF_MATCH=first["ETag"])
    assert stale.status_code == 409
    assert stale.json()["current"]["text"] == "Tagged."
    missing = api(annotator).patch(url, {"text": "No version."}, "json")
    assert missing.status_code == 400 and "version" in missing.json()


def test_edits_and_reviews_are_audited(api, annotator, reviewer, draft):
    """The draft, its edits and its reviews are in the audit trail, before and after, and in
    the activity feed."""
    url = f"/api/v1/translations/{draft.pk}/"
    api(annotator).patch(url, {"text": "Audited.", "version": 1}, "json")
    api(reviewer).post(f"{url}approve/", {}, "json")
    project_id = draft.segment.document.project_id
    feed = api(annotator).get(f"/api/v1/projects/{project_id}/activity/").json()["results"]
    entries = [e for e in feed if e["object_type"] == "translation" and e["object_id"] == draft.pk]
    assert [(e["action"], e["actor_name"]) for e in entries] == [
        ("draft", annotator.username),
        ("edit", annotator.username),
        ("review", reviewer.username),
    ]
    assert entries[0]["after"]["origin"] == "machine"
    assert entries[1]["before"]["status"] == "draft"
    assert entries[1]["after"]["text"] == "Audited."
    assert (entries[2]["before"]["status"], entries[2]["after"]["status"]) == ("edited", "approved")
