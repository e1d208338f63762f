"""The adjudication view and the one-action settle (pick or merge) through the API."""

import pytest

from workbench.annotation.models import Annotation, Status
from workbench.audit.models import AuditEntry

pytestmark = pytest.mark.django_db


def adjudicate(api, user, document, body):
    return api(user).post(f"/api/v1/documents/{document.pk}/adjudicate/", body, format="json")


def test_side_by_side_groups_agree_or_differ(
    api, document, annotate, annotator, other_annotator, reviewer, label_types
):
    """Both mark "taxes" alike (agrees); one marks "minister" and the other "The minister"
    (differs, two variants). Statuses do not matter; agreement per label type comes along."""
    annotate(annotator, document, "taxes")
    annotate(other_annotator, document, "taxes")
    annotate(annotator, document, "minister", "source")
    annotate(other_annotator, document, "The minister", "source")
    body = api(reviewer).get(f"/api/v1/documents/{document.pk}/adjudication/").json()
    assert body["annotators"] == sorted([annotator.username, other_annotator.username])
    segment = body["segments"][0]
    assert segment["dir"] == "ltr" and segment["text"].startswith("The minister")
    groups = {group["label_type_name"]: group for group in segment["groups"]}
    assert groups["claim"]["agrees"] is True
    assert groups["source"]["agrees"] is False
    assert [v["authors"] for v in groups["source"]["variants"]] == [
        [other_annotator.username],
        [annotator.username],
    ]
    agreement = {row["label_type"]: row for row in body["agreement"]}
    assert agreement["claim"]["exact_f1"] == 1.0 and agreement["source"]["exact_f1"] == 0.0


def test_pick_accepts_one_and_rejects_the_rest(
    api, document, annotate, annotator, other_annotator, reviewer
):
    """Picking one span accepts it and rejects the other with the reason, all audited."""
    mine = annotate(annotator, document, "minister", "source")
    theirs = annotate(other_annotator, document, "The minister", "source")
    response = adjudicate(
        api,
        reviewer,
        document,
        {"versions": {mine.pk: 1, theirs.pk: 1}, "choose": [theirs.pk], "reason": "Whole name."},
    )
    assert response.status_code == 200
    mine.refresh_from_db()
    theirs.refresh_from_db()
    assert (theirs.status, theirs.reviewed_by) == (Status.ACCEPTED, reviewer)
    assert (mine.status, mine.review_reason) == (Status.REJECTED, "Whole name.")
    assert AuditEntry.objects.filter(action="adjudicate").count() == 2


def test_merge_widens_the_first_span(api, document, annotate, annotator, other_annotator, reviewer):
    """Merging two overlapping claims accepts the first, widened to cover both."""
    first = annotate(annotator, document, "taxes will")
    second = annotate(other_annotator, document, "will fall")
    response = adjudicate(
        api,
        reviewer,
        document,
        {"versions": {first.pk: 1, second.pk: 1}, "choose": [second.pk, first.pk]},
    )
    assert response.status_code == 200
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.quote, first.status) == ("taxes will fall", Status.ACCEPTED)
    assert document.text[first.start : first.end] == first.quote
    assert second.status == Status.REJECTED and second.review_reason


def test_stale_group_is_refused_and_changes_nothing(
    api, document, annotate, annotator, other_annotator, reviewer
):
    """A span edited after the reviewer loaded the view gets 409; no annotation changes."""
    first = annotate(annotator, document, "taxes")
    second = annotate(other_annotator, document, "taxes")
    changed = api(other_annotator).patch(
        f"/api/v1/annotations/{second.pk}/",
        {"version": 1, "attributes": {"checkworthy": "no", "topic": "taxes"}},
        format="json",
    )
    assert changed.status_code == 200
    entries = AuditEntry.objects.count()
    response = adjudicate(
        api, reviewer, document, {"versions": {first.pk: 1, second.pk: 1}, "choose": [first.pk]}
    )
    assert response.status_code == 409 and response.json()["current"]["id"] == second.pk
    assert set(Annotation.objects.values_list("status", flat=True)) == {Status.PENDING}
    assert AuditEntry.objects.count() == entries


def test_adjudication_roles_and_bad_input(
    api, document, other_document, annotate, annotator, other_annotator, reviewer, outsider
):
    """Outsiders 404, annotators 403; the reviewer's own span (four eyes), an id from
    another document or a choice outside the group get a clear answer and change nothing."""
    first = annotate(annotator, document, "taxes")
    own = annotate(reviewer, document, "taxes")
    body = {"versions": {first.pk: 1}, "choose": [first.pk]}
    assert api(outsider).get(f"/api/v1/documents/{document.pk}/adjudication/").status_code == 404
    assert api(annotator).get(f"/api/v1/documents/{document.pk}/adjudication/").status_code == 403
    assert adjudicate(api, outsider, document, body).status_code == 404
    assert adjudicate(api, annotator, document, body).status_code == 403
    mine = adjudicate(
        api, reviewer, document, {"versions": {first.pk: 1, own.pk: 1}, "choose": [first.pk]}
    )
    assert mine.status_code == 403 and "yours" in mine.json()["detail"]
    outside = adjudicate(api, reviewer, document, {"versions": {first.pk: 1}, "choose": [own.pk]})
    assert outside.status_code == 400 and "choose" in outside.json()
    other = annotate(outsider, other_document, "taxes")
    foreign = adjudicate(api, reviewer, document, {"versions": {other.pk: 1}, "choose": [other.pk]})
    assert foreign.status_code == 400 and "versions" in foreign.json()
    assert set(Annotation.objects.values_list("status", flat=True)) == {Status.PENDING}
