"""The suggestion API: roles (outsiders get 404), accepting into a pending annotation with
its links and an audit origin, rejecting for good, and 409 on a span that changed."""

import pytest

from workbench.annotation.models import Annotation, Link, Status
from workbench.audit.models import AuditEntry
from workbench.corpus.models import Document, Segment
from workbench.suggestion.models import Decision, SuggestionDecision

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "outsider", "annotator", "reviewer", "moderator"]

# Expected status per action, for: anonymous, outsider, annotator, reviewer, moderator.
MATRIX = {
    "list": (401, 404, 200, 200, 200),
    "accept": (401, 404, 201, 201, 201),
    "reject": (401, 404, 204, 204, 204),
    "accept_above": (401, 404, 201, 201, 201),
    "recommenders": (401, 404, 200, 200, 200),
    "train": (401, 404, 403, 403, 202),
}

SOURCE = {"id": "source:0:12", "quote": "The governor"}
CLAIM = {"id": "claim:18:50", "quote": "the bridge would reopen in March"}


def url(document, action: str = "") -> str:
    return f"/api/v1/documents/{document.pk}/suggestions/{action}"


def perform(client, action: str, document):
    if action == "list":
        return client.get(url(document))
    if action == "accept":
        return client.post(url(document, "accept/"), SOURCE, format="json")
    if action == "reject":
        return client.post(url(document, "reject/"), CLAIM, format="json")
    if action == "accept_above":
        return client.post(url(document, "accept-above/"), {"min_score": 0.8}, format="json")
    if action == "recommenders":
        return client.get(f"/api/v1/projects/{document.project_id}/recommenders/")
    return client.post(f"/api/v1/projects/{document.project_id}/recommenders/train/")


@pytest.mark.parametrize("action", list(MATRIX))
@pytest.mark.parametrize("role", ROLES)
def test_permission_matrix(action, role, api, document, annotator, reviewer, moderator, outsider):
    """Members see suggestions, annotators may accept and reject, moderators train;
    outsiders get 404 and anonymous requests 401."""
    users = {
        "anonymous": None,
        "outsider": outsider,
        "annotator": annotator,
        "reviewer": reviewer,
        "moderator": moderator,
    }
    response = perform(api(users[role]), action, document)
    assert response.status_code == MATRIX[action][ROLES.index(role)], response.content


def test_list_shape(api, document, annotator):
    """Each suggestion has its id, label, code-point offsets, quote, score, recommender and
    links to other suggestions of the list."""
    response = api(annotator).get(url(document))
    results = response.json()["results"]
    ids = {row["id"] for row in results}
    assert SOURCE["id"] in ids and CLAIM["id"] in ids
    for row in results:
        assert document.text[row["start"] : row["end"]] == row["quote"]
        assert 0 <= row["score"] <= 1
        assert row["recommender"] == "attribution-rules"
        for link in row["links"]:
            assert link["target"] in ids
    claim = next(row for row in results if row["id"] == CLAIM["id"])
    assert claim["links"] == [{"type": "attributed_to", "target": SOURCE["id"]}]
    arabic = next(row for row in results if row["quote"] == "محافظ المدينة")
    assert arabic["label"] == "source" and arabic["attributes"]["kind"] == "person"


def test_min_score_filters_and_is_checked(api, document, annotator):
    """``min_score`` keeps the suggestions scored at least that; out of range is a 400."""
    client = api(annotator)
    scores = [
        row["score"] for row in client.get(url(document), {"min_score": 0.8}).json()["results"]
    ]
    assert scores and min(scores) >= 0.8
    assert client.get(url(document), {"min_score": 2}).status_code == 400


def test_accept_creates_pending_annotation_with_links_and_origin(api, document, annotator):
    """Accepting the source then its claim gives two pending annotations authored by the
    acceptor, the claim linked attributed_to the source, each audit entry naming the
    recommender and its version; both leave the list."""
    client = api(annotator)
    source = client.post(url(document, "accept/"), SOURCE, format="json")
    assert source.status_code == 201, source.content
    claim = client.post(
        url(document, "accept/"), {**CLAIM, "attributes": {"checkworthy": "yes"}}, format="json"
    )
    assert claim.status_code == 201, claim.content

    made = Annotation.objects.get(pk=source.json()["id"])
    assert (made.start, made.end, made.quote) == (0, 12, "The governor")
    assert made.status == Status.PENDING and made.author == annotator
    assert made.attributes == {"kind": "person", "name": "The governor"}
    claim_annotation = Annotation.objects.get(pk=claim.json()["id"])
    assert claim_annotation.attributes == {"checkworthy": "yes"}
    link = Link.objects.get(source=claim_annotation)
    assert (link.target_id, link.type, link.author) == (made.pk, "attributed_to", annotator)

    entry = AuditEntry.objects.get(
        object_id=made.pk, action="create", content_type__model="annotation"
    )
    origin = entry.after["origin"]
    assert origin["suggestion"] == SOURCE["id"]
    assert origin["recommenders"] == ["attribution-rules"]
    assert origin["model_version"] == "attribution-rules=rules-1"
    assert entry.actor == annotator

    decisions = SuggestionDecision.objects.filter(decision=Decision.ACCEPTED)
    assert {d.annotation_id for d in decisions} == {made.pk, claim_annotation.pk}
    ids = {row["id"] for row in client.get(url(document)).json()["results"]}
    assert SOURCE["id"] not in ids and CLAIM["id"] not in ids


def test_accept_claim_then_source_links_back(api, document, annotator):
    """Accepting the source after its claim links the claim already made to the new source."""
    client = api(annotator)
    claim = client.post(
        url(document, "accept/"), {**CLAIM, "attributes": {"checkworthy": "no"}}, format="json"
    ).json()
    source = client.post(url(document, "accept/"), SOURCE, format="json").json()
    assert Link.objects.filter(
        source_id=claim["id"], target_id=source["id"], type="attributed_to"
    ).exists()


def test_accept_missing_required_attribute_is_400(api, document, annotator):
    """A claim's required ``checkworthy`` cannot be guessed: without it accepting is a 400
    naming the attributes, and nothing is written."""
    response = api(annotator).post(url(document, "accept/"), CLAIM, format="json")
    assert response.status_code == 400
    assert not Annotation.objects.exists() and not SuggestionDecision.objects.exists()


def test_reject_is_remembered(api, document, annotator, moderator):
    """A rejected suggestion leaves the list for every member, is audited, and rejecting
    or accepting it again is a 409."""
    client = api(annotator)
    assert client.post(url(document, "reject/"), CLAIM, format="json").status_code == 204
    for user in (annotator, moderator):
        ids = {row["id"] for row in api(user).get(url(document)).json()["results"]}
        assert CLAIM["id"] not in ids and SOURCE["id"] in ids
    row = SuggestionDecision.objects.get()
    assert (row.decision, row.decided_by, row.quote) == (
        Decision.REJECTED,
        annotator,
        CLAIM["quote"],
    )
    assert AuditEntry.objects.filter(action="reject_suggestion", actor=annotator).count() == 1
    again = client.post(url(document, "reject/"), CLAIM, format="json")
    assert again.status_code == 409
    accept = client.post(
        url(document, "accept/"), {**CLAIM, "attributes": {"checkworthy": "yes"}}, format="json"
    )
    assert accept.status_code == 409


def test_changed_text_is_409(api, document, annotator):
    """When the text under a suggestion changed since it was shown, accepting answers 409 and
    writes nothing."""
    new = "The minister" + document.text[12:]
    Document.objects.filter(pk=document.pk).update(text=new)
    first = Segment.objects.get(document=document, start=0)
    Segment.objects.filter(pk=first.pk).update(text="The minister" + first.text[12:])
    response = api(annotator).post(url(document, "accept/"), SOURCE, format="json")
    assert response.status_code == 409
    assert not Annotation.objects.exists()


def test_wrong_quote_is_409(api, document, annotator):
    """A quote that is not the text at the id's offsets is a 409 too."""
    body = {"id": SOURCE["id"], "quote": "The Governor"}
    assert api(annotator).post(url(document, "accept/"), body, format="json").status_code == 409


@pytest.mark.parametrize(
    ("body", "status"),
    [
        ({"id": "source:0", "quote": "x"}, 400),
        ({"id": "source:a:b", "quote": "x"}, 400),
        ({"quote": "The governor"}, 400),
        ({"id": "source:0:3", "quote": "The"}, 404),
        ({"id": "source:0:12", "quote": 12}, 409),
    ],
)
def test_bad_bodies(api, document, annotator, body, status):
    """Malformed ids are 400; a span no recommender proposes is 404."""
    response = api(annotator).post(url(document, "accept/"), body, format="json")
    assert response.status_code == status, response.content
    assert not Annotation.objects.exists()


def test_accept_above_skips_what_needs_a_person(api, document, annotator):
    """Accept-above makes annotations of every source scored high enough; the claims, whose
    required attribute cannot be guessed, are listed as skipped with the reason."""
    response = api(annotator).post(url(document, "accept-above/"), {"min_score": 0}, format="json")
    assert response.status_code == 201
    body = response.json()
    assert {row["quote"] for row in body["accepted"]} >= {"The governor", "محافظ المدينة"}
    assert all(
        row["label_type"] == Annotation.objects.get(pk=row["id"]).label_type_id
        for row in body["accepted"]
    )
    skipped = {row["suggestion"]["label"] for row in body["skipped"]}
    assert skipped == {"claim"}
    assert all(row["reason"] for row in body["skipped"])
    assert Annotation.objects.filter(author=annotator, status=Status.PENDING).count() == len(
        body["accepted"]
    )


def test_accept_above_score_is_checked(api, document, annotator):
    """A score outside [0, 1] is a 400."""
    response = api(annotator).post(
        url(document, "accept-above/"), {"min_score": 1.5}, format="json"
    )
    assert response.status_code == 400


def test_recommenders_list(api, document, annotator):
    """The project's recommenders: the rules shown, the learned one not shown until trained."""
    rows = api(annotator).get(f"/api/v1/projects/{document.project_id}/recommenders/").json()
    by_name = {row["name"]: row for row in rows}
    assert by_name["attribution-rules"]["shown"] is True
    assert by_name["attribution-rules"]["trainable"] is False
    assert by_name["attribution-crf"]["shown"] is False
    assert by_name["attribution-crf"]["last_run"] is None
