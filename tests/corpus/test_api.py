"""The corpus API: authentication, project isolation, roles, uploads and bad input."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from rest_framework.test import APIClient

from tests.factories import UserFactory, make_document
from workbench.corpus.models import Document, Membership, Role

pytestmark = pytest.mark.django_db

MIXED = "Strike!\n\nقال المتحدث باسم النقابة: we will not go back until wages are paid."


@pytest.fixture
def document(project):
    return make_document(project, MIXED)


def upload(client, project_id, name, data):
    return client.post(
        f"/api/v1/projects/{project_id}/documents/",
        {"file": SimpleUploadedFile(name, data)},
        format="multipart",
    )


@pytest.mark.parametrize(
    "url",
    ["/api/v1/projects/", "/api/v1/documents/", "/api/v1/segments/", "/api/v1/schema/"],
)
def test_nothing_readable_anonymously(api, url):
    """Every endpoint needs login: anonymous requests get 401 and a WWW-Authenticate header."""
    response = api().get(url)
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"


def test_token_exchange_and_use(annotator, document):
    """A username and password give a token that authenticates API calls."""
    client = APIClient()
    response = client.post(
        "/api/v1/auth/token/",
        {"username": annotator.username, "password": "correct horse battery staple"},
    )
    assert response.status_code == 200
    client.credentials(HTTP_AUTHORIZATION=f"Token {response.json()['token']}")
    assert client.get(f"/api/v1/documents/{document.pk}/").status_code == 200
    wrong = APIClient().post(
        "/api/v1/auth/token/", {"username": annotator.username, "password": "nope"}
    )
    assert wrong.status_code == 400


def test_outsider_gets_404_for_everything(api, outsider, document):
    """A member of another project cannot tell that the document exists."""
    client = api(outsider)
    segment = document.segments.first()
    assert client.get(f"/api/v1/documents/{document.pk}/").status_code == 404
    assert client.get(f"/api/v1/documents/{document.pk}/segments/").status_code == 404
    assert client.get(f"/api/v1/segments/{segment.pk}/").status_code == 404
    assert (
        client.patch(f"/api/v1/segments/{segment.pk}/", {"language_override": "en"}).status_code
        == 404
    )
    assert client.get(f"/api/v1/projects/{document.project_id}/").status_code == 404
    assert upload(client, document.project_id, "x.txt", b"hi").status_code == 404
    assert client.get("/api/v1/documents/").json()["count"] == 0
    assert client.get("/api/v1/documents/999999/").status_code == 404


def test_document_list_and_detail(api, annotator, document):
    """Lists are paginated and lean; the detail carries the text and its length."""
    client = api(annotator)
    body = client.get("/api/v1/documents/", {"project": document.project_id}).json()
    assert set(body) == {"count", "next", "previous", "results"}
    assert body["count"] == 1
    assert "text" not in body["results"][0]
    detail = client.get(f"/api/v1/documents/{document.pk}/").json()
    assert detail["text"] == MIXED
    assert detail["length"] == len(MIXED)
    assert client.get("/api/v1/documents/", {"language": "fr"}).json()["count"] == 0


def test_segments_shape_and_language_filter(api, annotator, document):
    """Segments carry offsets, language, languages, runs and confidence; mixed is filterable."""
    client = api(annotator)
    body = client.get(f"/api/v1/documents/{document.pk}/segments/").json()
    assert body["count"] == 2
    first = body["results"][0]
    assert {
        "id",
        "index",
        "start",
        "end",
        "text",
        "language",
        "languages",
        "runs",
        "confidence",
    } <= set(first)
    for item in body["results"]:
        assert MIXED[item["start"] : item["end"]] == item["text"]
    mixed = client.get(f"/api/v1/documents/{document.pk}/segments/", {"language": "mixed"}).json()
    assert [s["languages"] for s in mixed["results"]] == [["ar", "en"]]
    runs = mixed["results"][0]["runs"]
    assert [r["language"] for r in runs] == ["ar", "en"]


def test_language_override_needs_reviewer(api, annotator, reviewer, document):
    """Reviewers set and clear a language override; annotators get 403; bad codes get 400."""
    segment = document.segments.first()
    url = f"/api/v1/segments/{segment.pk}/"
    assert api(annotator).patch(url, {"language_override": "ar"}).status_code == 403
    response = api(reviewer).patch(url, {"language_override": "xx-nope"})
    assert response.status_code == 400
    assert "language_override" in response.json()
    response = api(reviewer).patch(url, {"language_override": "ar"})
    assert response.status_code == 200
    assert response.json()["effective_language"] == "ar"
    assert response.json()["override_by"] == reviewer.pk
    filtered = api(reviewer).get("/api/v1/segments/", {"document": document.pk, "language": "ar"})
    assert [s["id"] for s in filtered.json()["results"]] == [segment.pk]
    assert api(reviewer).patch(url, {"language_override": ""}).json()["effective_language"] == "en"


def test_members_managed_by_moderators(api, annotator, moderator, project):
    """Moderators add members and change roles; annotators cannot."""
    newcomer = UserFactory()
    url = f"/api/v1/projects/{project.pk}/members/"
    denied = api(annotator).post(url, {"username": newcomer.username, "role": "reviewer"})
    assert denied.status_code == 403
    added = api(moderator).post(url, {"username": newcomer.username, "role": "reviewer"})
    assert added.status_code == 201
    assert Membership.objects.get(project=project, user=newcomer).role == Role.REVIEWER
    unknown = api(moderator).post(url, {"username": "ghost", "role": "reviewer"})
    assert unknown.status_code == 400 and "username" in unknown.json()
    bad_role = api(moderator).post(url, {"username": newcomer.username, "role": "king"})
    assert bad_role.status_code == 400 and "role" in bad_role.json()
    listed = api(annotator).get(url).json()
    assert newcomer.username in [m["username"] for m in listed["results"]]
    removed = api(moderator).delete(f"{url}{newcomer.pk}/")
    assert removed.status_code == 204


def test_project_list_shows_only_own_projects(api, annotator, outsider, project, other_project):
    """A user sees the projects they belong to, with their role."""
    names = [p["name"] for p in api(annotator).get("/api/v1/projects/").json()["results"]]
    assert names == [project.name]
    annotator.is_staff = True  # only staff create projects by default
    annotator.save()
    created = api(annotator).post("/api/v1/projects/", {"name": "Fresh"})
    assert created.status_code == 201
    assert created.json()["role"] == "moderator"


def test_upload_creates_document(api, annotator, project):
    """A multipart upload imports through the same service; repeating it changes nothing."""
    client = api(annotator)
    response = upload(client, project.pk, "new.md", b"# Heading\n\nSome text.")
    assert response.status_code == 201
    assert response.json()["status"] == "created"
    assert response.json()["document"]["title"] == "Heading"
    again = upload(client, project.pk, "new.md", b"# Heading\n\nSome text.")
    assert again.status_code == 200
    assert again.json()["status"] == "unchanged"


@pytest.mark.parametrize(
    ("name", "data", "status", "message"),
    [
        ("empty.txt", b"", 400, "empty.txt is empty."),
        ("bin.txt", b"\x00\x01\x02abc", 400, "bin.txt looks like a binary file"),
        ("latin.txt", "é".encode("latin-1"), 400, "latin.txt is not valid UTF-8"),
        ("image.png", b"text", 400, "image.png is not a .txt or .md file."),
    ],
)
def test_upload_bad_input(api, annotator, project, name, data, status, message):
    """Bad uploads get a precise message naming the file field, and nothing is stored."""
    response = upload(api(annotator), project.pk, name, data)
    assert response.status_code == status
    assert response.json()["file"][0].startswith(message)
    assert Document.objects.count() == 0


@override_settings(WORKBENCH_MAX_UPLOAD_BYTES=100)
def test_upload_too_large(api, annotator, project):
    """An upload over the limit gets HTTP 413."""
    response = upload(api(annotator), project.pk, "big.txt", b"word " * 40)
    assert response.status_code == 413
    assert response.json()["file"][0] == "big.txt is 200 bytes; the limit is 100 bytes."


def test_upload_without_file(api, annotator, project):
    """A request with no file names the missing field."""
    response = api(annotator).post(
        f"/api/v1/projects/{project.pk}/documents/", {}, format="multipart"
    )
    assert response.status_code == 400
    assert "file" in response.json()


def test_schema_and_docs(api, annotator):
    """The OpenAPI schema and its docs page are served to logged-in users."""
    client = api(annotator)
    schema = client.get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert schema.status_code == 200
    assert "/api/v1/documents/{id}/segments/" in schema.json()["paths"]
    client.force_login(annotator)
    docs = client.get("/api/v1/docs/")
    assert docs.status_code == 200
    assert b"swagger" in docs.content.lower()


def test_project_list_queries_do_not_grow(api, annotator, django_assert_max_num_queries):
    """Listing projects costs the same few queries however many projects there are."""
    from tests.factories import MembershipFactory

    for _ in range(5):
        MembershipFactory(user=annotator, role=Role.REVIEWER)
    with django_assert_max_num_queries(3):
        body = api(annotator).get("/api/v1/projects/").json()
    assert body["count"] == 6
    assert sorted(p["role"] for p in body["results"]) == ["annotator"] + ["reviewer"] * 5


def test_last_moderator_cannot_demote_themselves(api, moderator, project):
    """The only moderator cannot step down to a lower role; their role stays."""
    response = api(moderator).post(
        f"/api/v1/projects/{project.pk}/members/",
        {"username": moderator.username, "role": "reviewer"},
        format="json",
    )
    assert response.status_code == 400
    assert "at least one moderator" in str(response.json())
    assert Membership.objects.get(project=project, user=moderator).role == Role.MODERATOR


def test_a_moderator_may_step_down_when_another_remains(api, moderator, project):
    """With a second moderator, the first may become a reviewer."""
    second = UserFactory()
    Membership.objects.create(project=project, user=second, role=Role.MODERATOR)
    response = api(moderator).post(
        f"/api/v1/projects/{project.pk}/members/",
        {"username": moderator.username, "role": "reviewer"},
        format="json",
    )
    assert response.status_code == 201
    assert Membership.objects.get(project=project, user=moderator).role == Role.REVIEWER
