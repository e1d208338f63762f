"""The annotation API: the permission matrix, conflicts, ETags, filters and the schema."""

import pytest

from tests.annotation.conftest import ATTRIBUTES
from tests.factories import acting
from workbench.annotation import services
from workbench.annotation.models import Annotation, Status
from workbench.audit.models import AuditEntry

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "outsider", "annotator", "reviewer", "moderator"]

# Expected status per action and role: anonymous, outsider, annotator, reviewer, moderator.
# "list" filters by the document: for an outsider that is an unknown choice, hence 400.
MATRIX = {
    "list": (401, 400, 200, 200, 200),
    "retrieve": (401, 404, 200, 200, 200),
    "create": (401, 404, 201, 201, 201),
    "edit_own": (401, 404, 200, 200, 200),
    "edit_other": (401, 404, 403, 403, 200),
    "delete_own": (401, 404, 204, 204, 204),
    "delete_other": (401, 404, 403, 403, 204),
    "review": (401, 404, 403, 200, 200),
    "restore": (401, 404, 403, 403, 200),
    "comment": (401, 404, 201, 201, 201),
    "history": (401, 404, 200, 200, 200),
    "link": (401, 404, 201, 201, 201),
    "agreement": (401, 404, 200, 200, 200),
}


@pytest.fixture
def setup(document, annotate, other_annotator):
    """Annotations by another annotator: a claim, a source, and a deleted claim."""
    claim = annotate(other_annotator, document, "taxes")
    source = annotate(other_annotator, document, "minister", "source")
    deleted = annotate(other_annotator, document, "Critics")
    services.annotation_delete(actor=acting(other_annotator, deleted), annotation=deleted)
    return {"claim": claim, "source": source, "deleted": deleted}


def span(document, word: str, kind: str = "claim") -> dict:
    start = document.text.index(word)
    return {
        "document": document.pk,
        "label_type": None,
        "start": start,
        "end": start + len(word),
        "quote": word,
        "attributes": ATTRIBUTES[kind],
        "_kind": kind,
    }


def perform(client, action, user, document, setup, label_types, annotate):
    """Do ``action`` as ``user`` and return the response."""
    claim = setup["claim"]
    if action == "list":
        return client.get("/api/v1/annotations/", {"document": document.pk})
    if action == "retrieve":
        return client.get(f"/api/v1/annotations/{claim.pk}/")
    if action == "create":
        body = span(document, "fall")
        body.pop("_kind")
        body["label_type"] = label_types["claim"].pk
        return client.post("/api/v1/annotations/", body, format="json")
    if action in ("edit_own", "delete_own"):
        target = claim
        if user is not None and user.memberships.filter(project=document.project).exists():
            target = annotate(user, document, "year")
        if action == "edit_own":
            return client.patch(
                f"/api/v1/annotations/{target.pk}/",
                {"version": target.version, "attributes": {"checkworthy": "no"}},
                format="json",
            )
        return client.delete(f"/api/v1/annotations/{target.pk}/")
    if action == "edit_other":
        return client.patch(
            f"/api/v1/annotations/{claim.pk}/",
            {"version": 1, "attributes": {"checkworthy": "no"}},
            format="json",
        )
    if action == "delete_other":
        return client.delete(f"/api/v1/annotations/{claim.pk}/")
    if action == "review":
        return client.post(
            f"/api/v1/annotations/{claim.pk}/review/", {"decision": "accept"}, format="json"
        )
    if action == "restore":
        return client.post(f"/api/v1/annotations/{setup['deleted'].pk}/restore/")
    if action == "comment":
        return client.post(
            f"/api/v1/annotations/{claim.pk}/comments/", {"body": "Why?"}, format="json"
        )
    if action == "history":
        return client.get(f"/api/v1/annotations/{claim.pk}/history/")
    if action == "link":
        return client.post(
            "/api/v1/links/",
            {"type": "attributed_to", "source": claim.pk, "target": setup["source"].pk},
            format="json",
        )
    if action == "agreement":
        return client.get(f"/api/v1/documents/{document.pk}/agreement/")
    raise AssertionError(action)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", list(MATRIX))
def test_permission_matrix(request, api, role, action, document, setup, label_types, annotate):
    """Outsiders get 404, too-low roles 403; annotators edit and delete only their own pending
    annotations, reviewers also review, moderators also edit anything and restore."""
    user = None if role == "anonymous" else request.getfixturevalue(role)
    response = perform(api(user), action, user, document, setup, label_types, annotate)
    expected = MATRIX[action][ROLES.index(role)]
    assert response.status_code == expected, response.content
    if action == "list" and expected == 200:
        assert response.json()["count"] == 2


def test_create_and_read_back(api, annotator, document, label_types):
    """POST returns the stored annotation with an ETag; GET shows the same ETag."""
    word = "<script>alert(1)</script>"
    start = document.text.index(word)
    response = api(annotator).post(
        "/api/v1/annotations/",
        {
            "document": document.pk,
            "label_type": label_types["claim"].pk,
            "start": start,
            "end": start + len(word),
            "quote": word,
            "attributes": {"checkworthy": "no"},
        },
        format="json",
    )
    assert response.status_code == 201
    body = response.json()
    assert body["quote"] == word and body["status"] == "pending" and body["version"] == 1
    assert body["label_type_name"] == "claim" and body["author_name"] == annotator.username
    assert response["ETag"] == f'"{body["id"]}-1"'
    detail = api(annotator).get(f"/api/v1/annotations/{body['id']}/")
    assert detail["ETag"] == response["ETag"]


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"start": -1}, "start"),
        ({"end": 0}, "end"),
        ({"end": 100_000}, "end"),
        ({"quote": "nope"}, "quote"),
        ({"attributes": {"checkworthy": "perhaps"}}, "attributes"),
        ({"label_type": 999_999}, "label_type"),
        ({"start": "x"}, "start"),
        ({"document": None}, "document"),
    ],
)
def test_create_validation_errors_name_the_field(
    api, annotator, document, label_types, change, field
):
    """Each invalid value gets 400 with the offending field as the key."""
    body = span(document, "taxes")
    body.pop("_kind")
    body["label_type"] = label_types["claim"].pk
    body.update(change)
    response = api(annotator).post("/api/v1/annotations/", body, format="json")
    assert response.status_code == 400
    assert field in response.json()


def test_stale_version_gets_409_with_current_state(api, annotator, document, annotate):
    """Two edits from version 1: the second gets 409 and the current annotation."""
    annotation = annotate(annotator, document, "taxes")
    url = f"/api/v1/annotations/{annotation.pk}/"
    first = api(annotator).patch(
        url, {"version": 1, "attributes": {"checkworthy": "no"}}, format="json"
    )
    assert first.status_code == 200 and first.json()["version"] == 2
    second = api(annotator).patch(
        url, {"version": 1, "attributes": {"checkworthy": "yes", "topic": "x"}}, format="json"
    )
    assert second.status_code == 409
    assert second.json()["current"]["version"] == 2
    assert second.json()["current"]["attributes"] == {"checkworthy": "no"}
    missing = api(annotator).patch(url, {"attributes": {"checkworthy": "no"}}, format="json")
    assert missing.status_code == 400 and "version" in missing.json()


def test_if_match_replaces_version(api, annotator, document, annotate):
    """The ETag sent back in If-Match works as the version; a stale one gets 409."""
    annotation = annotate(annotator, document, "taxes")
    url = f"/api/v1/annotations/{annotation.pk}/"
    client = api(annotator)
    tag = client.get(url)["ETag"]
    ok = client.patch(url, {"attributes": {"checkworthy": "no"}}, format="json", HTTP_IF_MATCH=tag)
    assert ok.status_code == 200 and ok["ETag"] == f'"{annotation.pk}-2"'
    stale = client.patch(url, {"attributes": {}}, format="json", HTTP_IF_MATCH=tag)
    assert stale.status_code == 409 and stale.json()["current"]["version"] == 2
    bad = client.patch(url, {"attributes": {}}, format="json", HTTP_IF_MATCH='"garbage"')
    assert bad.status_code == 400 and "If-Match" in bad.json()
    gone = client.delete(url, HTTP_IF_MATCH=tag)
    assert gone.status_code == 409
    assert client.delete(url, HTTP_IF_MATCH=ok["ETag"]).status_code == 204


def test_review_api(api, annotator, reviewer, document, annotate):
    """Rejecting needs a reason; the response carries the new status and version."""
    annotation = annotate(annotator, document, "taxes")
    url = f"/api/v1/annotations/{annotation.pk}/review/"
    client = api(reviewer)
    missing = client.post(url, {"decision": "reject"}, format="json")
    assert missing.status_code == 400 and "reason" in missing.json()
    wrong = client.post(url, {"decision": "approve"}, format="json")
    assert wrong.status_code == 400 and "decision" in wrong.json()
    done = client.post(url, {"decision": "reject", "reason": "Opinion."}, format="json")
    assert done.status_code == 200
    assert (done.json()["status"], done.json()["review_reason"]) == ("rejected", "Opinion.")
    stale = client.post(url, {"decision": "accept", "version": 1}, format="json")
    assert stale.status_code == 409


def test_filters(api, annotator, other_annotator, reviewer, document, annotate):
    """The list narrows by document, label type, status, author and deleted."""
    mine = annotate(annotator, document, "taxes")
    annotate(other_annotator, document, "minister", "source")
    gone = annotate(other_annotator, document, "Critics")
    services.annotation_delete(actor=acting(other_annotator, gone), annotation=gone)
    services.annotation_review(actor=acting(reviewer, mine), annotation=mine, decision="accept")
    client = api(reviewer)

    def ids(**params):
        return [row["id"] for row in client.get("/api/v1/annotations/", params).json()["results"]]

    assert len(ids(document=document.pk)) == 2
    assert ids(label_type=mine.label_type_id) == [mine.pk]
    assert ids(status="accepted") == [mine.pk]
    assert ids(author=annotator.pk) == [mine.pk]
    assert ids(deleted="true") == [gone.pk]
    assert client.get("/api/v1/annotations/", {"status": "bogus"}).status_code == 400


def test_segment_language_filter(api, annotator, document, annotate):
    """``segment_language`` keeps spans that touch a segment in that language."""
    english = annotate(annotator, document, "taxes")
    arabic = annotate(annotator, document, "الوزير")
    client = api(annotator)
    found = client.get("/api/v1/annotations/", {"segment_language": "ar"}).json()["results"]
    assert [row["id"] for row in found] == [arabic.pk]
    found = client.get("/api/v1/annotations/", {"segment_language": "en"}).json()["results"]
    assert english.pk in [row["id"] for row in found]


def test_comments_and_history(api, annotator, reviewer, document, annotate):
    """Comments come back verbatim as JSON data; history lists every recorded change."""
    annotation = annotate(annotator, document, "taxes")
    client = api(reviewer)
    url = f"/api/v1/annotations/{annotation.pk}/"
    posted = client.post(url + "comments/", {"body": "<img src=x onerror=alert(1)>"}, format="json")
    assert posted.status_code == 201
    assert posted["Content-Type"].startswith("application/json")
    thread = client.get(url + "comments/").json()["results"]
    assert [c["body"] for c in thread] == ["<img src=x onerror=alert(1)>"]
    assert client.post(url + "comments/", {"body": ""}, format="json").status_code == 400
    client.post(url + "review/", {"decision": "accept"}, format="json")
    history = client.get(url + "history/").json()["results"]
    assert [entry["action"] for entry in history] == ["create", "comment", "review"]
    assert history[2]["before"]["status"] == "pending"
    assert history[2]["after"]["status"] == "accepted"
    assert history[2]["actor_name"] == reviewer.username


def test_deleted_annotation_still_readable(api, annotator, moderator, document, annotate):
    """A deleted annotation leaves the list but its detail and history stay; restore brings it
    back."""
    annotation = annotate(annotator, document, "taxes")
    client = api(annotator)
    url = f"/api/v1/annotations/{annotation.pk}/"
    assert client.delete(url).status_code == 204
    assert client.get("/api/v1/annotations/").json()["count"] == 0
    assert client.get(url).json()["deleted_at"] is not None
    assert client.patch(url, {"version": 2, "attributes": {}}, format="json").status_code == 409
    restored = api(moderator).post(url + "restore/")
    assert restored.status_code == 200 and restored.json()["deleted_at"] is None
    assert Annotation.objects.get(pk=annotation.pk).status == Status.PENDING


def test_links_api(api, annotator, moderator, other_annotator, document, annotate):
    """Links are listed per document, checked for endpoint types and removed by author or
    moderator."""
    claim = annotate(annotator, document, "taxes")
    stance = annotate(annotator, document, "disagree", "stance")
    source = annotate(annotator, document, "minister", "source")
    client = api(annotator)
    wrong = client.post(
        "/api/v1/links/", {"type": "toward", "source": claim.pk, "target": stance.pk}, format="json"
    )
    assert wrong.status_code == 400 and "source" in wrong.json()
    made = client.post(
        "/api/v1/links/", {"type": "toward", "source": stance.pk, "target": claim.pk}, format="json"
    )
    assert made.status_code == 201
    client.post(
        "/api/v1/links/",
        {"type": "attributed_to", "source": claim.pk, "target": source.pk},
        format="json",
    )
    listed = client.get("/api/v1/links/", {"document": document.pk}).json()["results"]
    assert {row["type"] for row in listed} == {"toward", "attributed_to"}
    link_url = f"/api/v1/links/{made.json()['id']}/"
    assert api(other_annotator).delete(link_url).status_code == 403
    assert api(moderator).delete(link_url).status_code == 204
    assert AuditEntry.objects.filter(action="unlink").count() == 1


def test_label_types_list(api, annotator, label_types):
    """Members see the taxonomy with colours, shortcuts and schemas; it is read-only here."""
    client = api(annotator)
    rows = client.get("/api/v1/label-types/").json()["results"]
    assert [row["name"] for row in rows] == ["claim", "source", "stance"]
    assert all(row["schema"]["type"] == "object" and row["shortcut"] for row in rows)
    assert client.post("/api/v1/label-types/", {"name": "x"}, format="json").status_code == 405


def test_schema_describes_annotation_api(api, annotator):
    """The OpenAPI schema lists every annotation endpoint."""
    schema = api(annotator).get("/api/v1/schema/", {"format": "json"}).json()
    for route in [
        "/api/v1/label-types/",
        "/api/v1/annotations/",
        "/api/v1/annotations/{id}/",
        "/api/v1/annotations/{id}/review/",
        "/api/v1/annotations/{id}/comments/",
        "/api/v1/annotations/{id}/history/",
        "/api/v1/annotations/{id}/restore/",
        "/api/v1/links/",
        "/api/v1/links/{id}/",
        "/api/v1/documents/{id}/agreement/",
    ]:
        assert route in schema["paths"], route


def test_permission_is_checked_before_version(api, annotator, other_annotator, document, annotate):
    """Someone who may not edit gets 403 even with a stale version, not the 409 merge path."""
    annotation = annotate(other_annotator, document, "taxes")
    response = api(annotator).patch(
        f"/api/v1/annotations/{annotation.pk}/", {"version": 7, "attributes": {}}, format="json"
    )
    assert response.status_code == 403


def test_commenting_on_a_deleted_annotation_is_a_conflict(api, annotator, document, annotate):
    """A comment on a deleted annotation gets 409 with the reason and the annotation as it is."""
    annotation = annotate(annotator, document, "taxes")
    services.annotation_delete(actor=acting(annotator, annotation), annotation=annotation)
    response = api(annotator).post(
        f"/api/v1/annotations/{annotation.pk}/comments/", {"body": "Still?"}, format="json"
    )
    assert response.status_code == 409
    body = response.json()
    assert "deleted" in body["detail"]
    assert body["current"]["id"] == annotation.pk
    assert body["current"]["deleted_at"] is not None


def test_ids_filter(api, annotator, document, annotate):
    """``?ids=`` narrows the list to those annotations; a bad or huge id is a 400."""
    first = annotate(annotator, document, "taxes")
    annotate(annotator, document, "minister")
    client = api(annotator)
    listed = client.get("/api/v1/annotations/", {"ids": f"{first.pk},999999"}).json()
    assert [row["id"] for row in listed["results"]] == [first.pk]
    assert client.get("/api/v1/annotations/", {"ids": "x"}).status_code == 400
    assert client.get("/api/v1/annotations/", {"ids": str(2**70)}).status_code == 400
