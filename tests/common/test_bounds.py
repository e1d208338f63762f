"""Bounded work per request: a document has at most WORKBENCH_MAX_SEGMENTS segments, a
translation at most a multiple of its source's length, and NUL characters are refused."""

import io

import pytest

from tests.annotation.conftest import TEXT
from tests.factories import make_document
from tests.translation.factories import arabic_document
from workbench.corpus.models import Document

pytestmark = pytest.mark.django_db


def _upload(client, project, data: bytes, name: str = "many.txt"):
    upload = io.BytesIO(data)
    upload.name = name
    return client.post(f"/api/v1/projects/{project.pk}/documents/", {"file": upload})


def test_a_file_of_too_many_segments_is_refused_with_413(settings, api, annotator, project):
    """``"b\\n\\n"`` repeated past the limit makes no document: 413 saying how many segments
    the file makes and how many are allowed."""
    settings.WORKBENCH_MAX_SEGMENTS = 50
    client = api(annotator)
    response = _upload(client, project, b"b\n\n" * 51)
    assert response.status_code == 413
    message = response.json()["file"][0]
    assert "51 segments" in message and "at most 50" in message
    assert not Document.objects.filter(project=project).exists()
    assert _upload(client, project, b"b\n\n" * 50).status_code == 201


def test_the_default_limit_stops_a_100000_segment_upload(api, annotator, project):
    """The 300 KB upload of the report (100,000 segments) is refused at once."""
    response = _upload(api(annotator), project, b"b\n\n" * 100_000)
    assert response.status_code == 413
    assert not Document.objects.filter(project=project).exists()


def test_a_translation_far_longer_than_its_source_is_refused(settings, api, annotator, project):
    """A translation may be at most ratio × source length + slack code points: longer is a
    400 naming ``text``; the limit itself is accepted."""
    settings.WORKBENCH_TRANSLATION_LENGTH_RATIO = 2
    settings.WORKBENCH_TRANSLATION_LENGTH_SLACK = 10
    document = arabic_document(project)
    segment = document.segments.order_by("index").first()
    limit = 2 * len(segment.text) + 10
    client = api(annotator)
    url = f"/api/v1/segments/{segment.pk}/translations/"
    too_long = client.post(url, {"target": "en", "text": "x" * (limit + 1)}, "json")
    assert too_long.status_code == 400
    assert "at most" in too_long.json()["text"][0]
    created = client.post(url, {"target": "en", "text": "x" * limit}, "json")
    assert created.status_code == 201
    edit = client.patch(
        f"/api/v1/translations/{created.json()['id']}/",
        {"text": "y" * (limit + 1), "version": created.json()["version"]},
        "json",
    )
    assert edit.status_code == 400 and "text" in edit.json()


@pytest.fixture
def document(project, label_types):
    return make_document(project, TEXT)


@pytest.mark.parametrize(
    "body",
    [
        {"attributes": {"checkworthy": "yes\u0000"}},
        {"attributes": {"check\u0000worthy": "yes"}},
        {"quote": "taxes\u0000"},
    ],
)
def test_nul_in_a_json_body_is_a_400(api, annotator, document, label_types, body):
    """A NUL character anywhere in a JSON body (keys and values) is a 400 that says so."""
    start = document.text.index("taxes")
    payload = {
        "document": document.pk,
        "label_type": label_types["claim"].pk,
        "start": start,
        "end": start + 5,
        "quote": "taxes",
        **body,
    }
    response = api(annotator).post("/api/v1/annotations/", payload, "json")
    assert response.status_code == 400
    assert "NUL" in str(response.json())


def test_nul_in_a_comment_or_translation_is_a_400(api, annotator, project):
    """Translation text with a NUL is refused before it reaches the database."""
    segment = arabic_document(project).segments.order_by("index").first()
    response = api(annotator).post(
        f"/api/v1/segments/{segment.pk}/translations/", {"target": "en", "text": "a\u0000b"}, "json"
    )
    assert response.status_code == 400


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/projects/?search=a%00b",
        "/api/v1/export/annotations/?format=jsonl&label_type=a%00",
        "/admin/corpus/segment/?q=%00",
    ],
)
def test_nul_in_a_query_string_is_a_400(client, api, annotator, url):
    """A NUL in a query value is a 400 with a message, for the API and the admin alike."""
    annotator.is_staff = True
    annotator.save()
    client.force_login(annotator)
    response = client.get(url)
    assert response.status_code == 400
    assert "NUL" in response.content.decode()
