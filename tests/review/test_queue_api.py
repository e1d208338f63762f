"""The review queue API: next pending annotation with its context, roles and stale reviews."""

import pytest

from tests.factories import acting
from workbench.annotation import services
from workbench.annotation.models import Annotation, Status
from workbench.audit.models import AuditEntry

pytestmark = pytest.mark.django_db


def queue(api, user, project, **params):
    return api(user).get(f"/api/v1/projects/{project.pk}/review-queue/", params)


def test_queue_gives_the_next_pending_span_with_its_context(
    api, project, document, annotate, annotator, other_annotator, reviewer
):
    """The queue gives the first pending span in reading order with its segment, the
    neighbouring segments (explicit direction), attributes, links and comments; accepting it
    moves the queue on to the next; the reviewer's own span is never offered."""
    claim = annotate(annotator, document, "taxes")
    source = annotate(other_annotator, document, "minister", "source")
    arabic = annotate(annotator, document, "الضرائبَ")
    annotate(reviewer, document, "Critics")
    services.link_create(
        actor=acting(annotator, claim), source=claim, target=source, link_type="attributed_to"
    )
    services.comment_create(
        actor=acting(other_annotator, claim), annotation=claim, body="Is this a claim?"
    )
    body = queue(api, reviewer, project).json()
    assert body["annotation"]["id"] == source.pk
    assert body["remaining"] == 3
    body = queue(api, reviewer, project, skip=str(source.pk)).json()
    assert body["annotation"]["id"] == claim.pk
    assert body["annotation"]["attributes"] == claim.attributes
    roles = [segment["role"] for segment in body["segments"]]
    assert roles == ["span", "after"]
    assert (
        body["segments"][0]["text"].startswith("The minister")
        and body["segments"][0]["dir"] == "ltr"
    )
    assert body["links"] == [
        {
            "id": claim.outgoing.get().pk,
            "type": "attributed_to",
            "direction": "out",
            "other": {"id": source.pk, "quote": "minister", "label_type_name": "source"},
        }
    ]
    assert [c["body"] for c in body["comments"]] == ["Is this a claim?"]
    last = queue(api, reviewer, project, label_type=arabic.label_type_id, skip=str(claim.pk))
    item = last.json()
    assert item["annotation"]["id"] == arabic.pk
    span = next(s for s in item["segments"] if s["role"] == "span")
    assert span["dir"] == "rtl" and [s["role"] for s in item["segments"]] == ["before", "span"]
    reviewed = api(reviewer).post(
        f"/api/v1/annotations/{source.pk}/review/",
        {"decision": "accept", "version": source.version},
        format="json",
    )
    assert reviewed.status_code == 200
    assert queue(api, reviewer, project).json()["annotation"]["id"] == claim.pk


def test_queue_of_one_document_and_empty_queue(
    api, project, document, second_document, annotate, annotator, reviewer
):
    """``document`` narrows the queue; an empty queue answers ``annotation: null``."""
    annotate(annotator, document, "taxes")
    assert queue(api, reviewer, project, document=second_document.pk).json() == {
        "annotation": None,
        "document_title": None,
        "segments": [],
        "links": [],
        "comments": [],
        "remaining": 0,
    }
    assert queue(api, reviewer, project, document=document.pk).json()["remaining"] == 1
    assert queue(api, reviewer, project, skip="x").status_code == 400


def test_queue_roles(api, project, annotator, outsider, moderator, reviewer):
    """Outsiders get 404, annotators 403; reviewers and moderators read the queue."""
    assert queue(api, outsider, project).status_code == 404
    assert queue(api, annotator, project).status_code == 403
    assert queue(api, reviewer, project).status_code == 200
    assert queue(api, moderator, project).status_code == 200
    assert queue(api, None, project).status_code == 401


def test_review_of_a_span_someone_just_changed_is_refused_and_changes_nothing(
    api, project, document, annotate, annotator, reviewer
):
    """The reviewer loaded version 1; the author then moved the span. Accepting version 1
    gets 409 with the current annotation, and neither the annotation nor the trail changes."""
    annotation = annotate(annotator, document, "taxes")
    loaded = queue(api, reviewer, project).json()["annotation"]
    start = document.text.index("taxes will")
    services.annotation_update(
        actor=acting(annotator, annotation),
        annotation=annotation,
        version=1,
        start=start,
        end=start + len("taxes will"),
        quote="taxes will",
    )
    entries = AuditEntry.objects.count()
    response = api(reviewer).post(
        f"/api/v1/annotations/{annotation.pk}/review/",
        {"decision": "accept", "version": loaded["version"]},
        format="json",
    )
    assert response.status_code == 409
    assert response.json()["current"]["quote"] == "taxes will"
    annotation.refresh_from_db()
    assert (annotation.status, annotation.version) == (Status.PENDING, 2)
    assert AuditEntry.objects.count() == entries


def test_fix_and_resubmit(api, project, document, annotate, annotator, reviewer):
    """The author edits a rejected span: it goes back to pending and into the queue; the
    history keeps the review, and each entry lists what changed, before → after. An accepted
    span stays closed to its author."""
    annotation = annotate(annotator, document, "taxes")
    services.annotation_review(
        actor=acting(reviewer, annotation),
        annotation=annotation,
        decision="reject",
        reason="Too short.",
    )
    assert queue(api, reviewer, project).json()["annotation"] is None
    start = document.text.index("taxes will fall")
    response = api(annotator).patch(
        f"/api/v1/annotations/{annotation.pk}/",
        {"version": 2, "start": start, "end": start + 15, "quote": "taxes will fall"},
        format="json",
    )
    assert response.status_code == 200 and response.json()["status"] == "pending"
    assert queue(api, reviewer, project).json()["annotation"]["id"] == annotation.pk
    history = api(annotator).get(f"/api/v1/annotations/{annotation.pk}/history/").json()
    actions = [entry["action"] for entry in history["results"]]
    assert actions == ["create", "review", "resubmit"]
    review, resubmit = history["results"][1], history["results"][2]
    assert {"field": "review_reason", "before": "", "after": "Too short."} in review["changes"]
    changes = {change["field"]: change for change in resubmit["changes"]}
    assert changes["status"]["before"] == "rejected" and changes["status"]["after"] == "pending"
    assert changes["quote"]["before"] == "taxes" and changes["quote"]["after"] == "taxes will fall"
    assert "version" not in changes
    services.annotation_review(
        actor=acting(reviewer, annotation), annotation=annotation, decision="accept"
    )
    refused = api(annotator).patch(
        f"/api/v1/annotations/{annotation.pk}/",
        {"version": 4, "attributes": {"checkworthy": "no"}},
        format="json",
    )
    assert refused.status_code == 403
    assert Annotation.objects.get(pk=annotation.pk).status == Status.ACCEPTED


def test_author_undoes_their_own_delete(
    api, document, annotate, annotator, other_annotator, moderator
):
    """The author restores a span they deleted; another annotator may not (403), and a span
    a moderator deleted stays for a moderator to restore."""
    mine = annotate(annotator, document, "taxes")
    api(annotator).delete(f"/api/v1/annotations/{mine.pk}/")
    assert api(other_annotator).post(f"/api/v1/annotations/{mine.pk}/restore/").status_code == 403
    restored = api(annotator).post(f"/api/v1/annotations/{mine.pk}/restore/")
    assert restored.status_code == 200 and restored.json()["deleted_at"] is None
    services.annotation_delete(
        actor=acting(moderator, Annotation.objects.get(pk=mine.pk)),
        annotation=Annotation.objects.get(pk=mine.pk),
    )
    assert api(annotator).post(f"/api/v1/annotations/{mine.pk}/restore/").status_code == 403
