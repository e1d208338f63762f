"""Assignments, workloads, "Next document" and "My work" through the API."""

import pytest

from tests.factories import UserFactory, acting
from workbench.annotation import services
from workbench.audit.models import AuditEntry
from workbench.review.models import Assignment, AssignmentState, Workload

pytestmark = pytest.mark.django_db


def assign(api, actor, document, user_id):
    return api(actor).post(
        f"/api/v1/documents/{document.pk}/assignments/", {"user": user_id}, format="json"
    )


def test_moderator_assigns_and_the_annotator_finishes(
    api, project, document, moderator, annotator, other_annotator
):
    """A moderator assigns a document; the assignee finishes it (a stale version gets 409,
    another annotator 403); each step is audited and listed for the project's members."""
    created = assign(api, moderator, document, annotator.pk)
    assert created.status_code == 201
    body = created.json()
    assert (body["username"], body["state"], body["assigned_by_name"]) == (
        annotator.username,
        "assigned",
        moderator.username,
    )
    url = f"/api/v1/assignments/{body['id']}/finish/"
    assert api(other_annotator).post(url, {}, format="json").status_code == 403
    assert api(annotator).post(url, {"version": 7}, format="json").status_code == 409
    done = api(annotator).post(url, {"version": body["version"]}, format="json")
    assert done.status_code == 200 and done.json()["state"] == "finished"
    again = api(annotator).post(url, {}, format="json")
    assert again.status_code == 409 and again.json()["current"]["state"] == "finished"
    listed = api(other_annotator).get(f"/api/v1/projects/{project.pk}/assignments/").json()
    assert [(row["username"], row["state"]) for row in listed] == [(annotator.username, "finished")]
    actions = list(
        AuditEntry.objects.filter(object_id=body["id"], content_type__model="assignment")
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert actions == ["assign", "finish"]
    gone = api(moderator).delete(f"/api/v1/assignments/{body['id']}/")
    assert gone.status_code == 204 and not Assignment.objects.exists()


def test_assignment_to_a_non_member_is_refused_and_changes_nothing(
    api, document, moderator, annotator, outsider
):
    """A user from another project, an unknown id and a second assignment get 400 on
    ``user`` with a message saying why; nothing is stored or audited."""
    entries = AuditEntry.objects.count()
    for user_id in (outsider.pk, UserFactory().pk, 10**9):
        response = assign(api, moderator, document, user_id)
        assert response.status_code == 400
        assert "members of this project" in response.json()["user"][0]
    assert assign(api, moderator, document, annotator.pk).status_code == 201
    twice = assign(api, moderator, document, annotator.pk)
    assert twice.status_code == 400 and "already" in twice.json()["user"][0]
    assert Assignment.objects.count() == 1
    assert AuditEntry.objects.count() == entries + 1


def test_assignment_roles(api, project, document, moderator, reviewer, annotator, outsider):
    """Assigning and setting the workload need a moderator (403 below); outsiders get 404."""
    assert assign(api, outsider, document, annotator.pk).status_code == 404
    assert assign(api, reviewer, document, annotator.pk).status_code == 403
    url = f"/api/v1/documents/{document.pk}/workload/"
    assert api(annotator).put(url, {"annotators_needed": 2}, format="json").status_code == 403
    assert api(outsider).put(url, {"annotators_needed": 2}, format="json").status_code == 404
    assignment = assign(api, moderator, document, annotator.pk).json()
    assert api(outsider).get(f"/api/v1/assignments/{assignment['id']}/").status_code == 404
    assert api(annotator).delete(f"/api/v1/assignments/{assignment['id']}/").status_code == 403
    next_url = f"/api/v1/projects/{project.pk}/next-document/"
    assert api(outsider).post(next_url).status_code == 404


def test_next_document_fills_the_workload(
    api, project, document, second_document, moderator, annotator, other_annotator, reviewer
):
    """ "Next document" gives the open assignment first; with none it takes a free place on a
    document that needs more annotators; when all places are taken it answers null."""
    url = f"/api/v1/projects/{project.pk}/next-document/"
    workload = f"/api/v1/documents/{document.pk}/workload/"
    bad = api(moderator).put(workload, {"annotators_needed": 0}, format="json")
    assert bad.status_code == 400 and "annotators_needed" in bad.json()
    assert api(moderator).put(workload, {"annotators_needed": 2}, format="json").status_code == 200
    assert Workload.objects.get(document=document).annotators_needed == 2
    assign(api, moderator, second_document, annotator.pk)
    first = api(annotator).post(url).json()["assignment"]
    assert first["document"] == second_document.pk
    api(annotator).post(f"/api/v1/assignments/{first['id']}/finish/", {}, format="json")
    taken = api(annotator).post(url).json()["assignment"]
    assert (taken["document"], taken["assigned_by_name"]) == (document.pk, annotator.username)
    other = api(other_annotator).post(url).json()["assignment"]
    assert other["document"] == document.pk
    assert api(reviewer).post(url).json() == {"assignment": None}
    assert Assignment.objects.filter(document=document).count() == 2


def test_my_work_lists_what_others_did(
    api, project, document, annotate, annotator, other_annotator, reviewer
):
    """A rejection (with its reason), a comment and an edit by others appear; the member's
    own actions do not; after "seen" the list is empty until something new happens."""
    annotation = annotate(annotator, document, "taxes")
    annotate(other_annotator, document, "minister", "source")
    services.annotation_review(
        actor=acting(reviewer, annotation),
        annotation=annotation,
        decision="reject",
        reason="Not checkable.",
    )
    services.comment_create(
        actor=acting(other_annotator, annotation), annotation=annotation, body="Agreed."
    )
    services.comment_create(
        actor=acting(annotator, annotation), annotation=annotation, body="I will fix it."
    )
    url = f"/api/v1/projects/{project.pk}/my-work/"
    body = api(annotator).get(url).json()
    assert body["since"] is None
    kinds = [(item["kind"], item["actor_name"]) for item in body["results"]]
    assert kinds == [("commented", other_annotator.username), ("rejected", reviewer.username)]
    assert body["results"][1]["reason"] == "Not checkable."
    assert body["results"][0]["comment"] == "Agreed."
    assert body["results"][1]["annotation"]["quote"] == "taxes"
    assert api(annotator).post(url + "seen/").status_code == 204
    assert api(annotator).get(url).json()["results"] == []
    assert len(api(annotator).get(url, {"all": "true"}).json()["results"]) == 2
    services.comment_create(
        actor=acting(reviewer, annotation), annotation=annotation, body="Any news?"
    )
    assert [item["comment"] for item in api(annotator).get(url).json()["results"]] == ["Any news?"]
    assert api(None).get(url).status_code == 401


def test_finish_by_assignment_state(api, document, moderator, annotator):
    """A finished assignment records when; the state is one of the two choices."""
    assignment = assign(api, moderator, document, annotator.pk).json()
    api(annotator).post(f"/api/v1/assignments/{assignment['id']}/finish/", {}, format="json")
    stored = Assignment.objects.get(pk=assignment["id"])
    assert stored.state == AssignmentState.FINISHED and stored.finished_at is not None
