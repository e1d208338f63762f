"""Input that used to crash the API gets a 4xx with a clear message instead of a 500."""

import pytest

from tests.annotation.conftest import TEXT
from tests.factories import make_document
from workbench.translation.models import Origin, Status, Translation

pytestmark = pytest.mark.django_db

PAST_64_BITS = str(2**64 + 1)


@pytest.fixture
def document(project):
    return make_document(project, TEXT)


@pytest.fixture
def client(api, annotator):
    client = api(annotator)
    client.raise_request_exception = False
    return client


@pytest.fixture
def approved_segment(document, annotator):
    """A segment next to another one whose approved translation is in the project's memory."""
    first, second = document.segments.order_by("index")[:2]
    Translation.objects.create(
        segment=first,
        source="en",
        target="ar",
        source_sha256="0" * 64,
        text="ترجمة",
        origin=Origin.HUMAN,
        status=Status.APPROVED,
        reviewed_by=annotator,
        reviewed_at=first.document.imported_at,
    )
    return second


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("min_score=-inf", "min_score"),
        ("min_score=inf", "min_score"),
        ("min_score=nan", "min_score"),
        ("min_score=1e999", "min_score"),
        ("min_score=101", "min_score"),
        ("min_score=-1", "min_score"),
        ("min_score=lots", "min_score"),
        ("limit=0", "limit"),
        ("limit=51", "limit"),
        ("limit=" + PAST_64_BITS, "limit"),
    ],
)
def test_memory_parameters_out_of_range_are_rejected(client, approved_segment, query, field):
    """min_score must be a number from 0 to 100 and limit from 1 to 50: else 400 naming it."""
    response = client.get(
        f"/api/v1/segments/{approved_segment.pk}/translation-memory/?target=ar&{query}"
    )
    assert response.status_code == 400
    assert field in response.json()


def test_memory_parameters_in_range_are_answered(client, approved_segment):
    """The edges of the ranges are valid."""
    url = f"/api/v1/segments/{approved_segment.pk}/translation-memory/"
    assert client.get(url, {"target": "ar", "min_score": 0, "limit": 1}).status_code == 200
    assert client.get(url, {"target": "ar", "min_score": 100, "limit": 50}).status_code == 200


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/projects/{id}/",
        "/api/v1/projects/{id}/members/",
        "/api/v1/projects/{id}/activity/",
        "/api/v1/documents/{id}/",
        "/api/v1/documents/{id}/segments/",
        "/api/v1/documents/{id}/agreement/",
        "/api/v1/segments/{id}/",
        "/api/v1/segments/{id}/translations/",
        "/api/v1/segments/{id}/translation-memory/?target=en",
        "/api/v1/annotations/{id}/",
        "/api/v1/annotations/{id}/history/",
        "/api/v1/links/{id}/",
        "/api/v1/jobs/{id}/",
        "/api/v1/translations/{id}/",
        "/api/v1/label-types/{id}/",
    ],
)
def test_ids_past_64_bits_in_paths_are_not_found(client, document, path):
    """An id no database column can hold is simply not found."""
    assert client.get(path.format(id=PAST_64_BITS)).status_code == 404


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/documents/?project={id}",
        "/api/v1/segments/?document={id}",
        "/api/v1/annotations/?document={id}",
        "/api/v1/annotations/?author={id}",
        "/api/v1/annotations/?label_type={id}",
        "/api/v1/links/?document={id}",
        "/api/v1/links/?source={id}",
        "/api/v1/links/?target={id}",
        "/api/v1/projects/{project}/activity/?after={id}",
        "/api/v1/documents/{document}/agreement/?label_type={id}",
    ],
)
def test_ids_past_64_bits_in_filters_are_rejected(client, document, url):
    """An id past 64 bits in a filter or cursor gets 400 naming the parameter."""
    response = client.get(
        url.format(id=PAST_64_BITS, project=document.project_id, document=document.pk)
    )
    assert response.status_code == 400
    parameter = url.split("?")[1].split("=")[0]
    assert parameter in response.json()


@pytest.mark.parametrize(
    ("method", "url"),
    [
        ("post", "/api/v1/projects/"),
        ("post", "/api/v1/annotations/"),
        ("post", "/api/v1/links/"),
        ("post", "/api/v1/auth/token/"),
        ("patch", "/api/v1/segments/{segment}/"),
    ],
)
@pytest.mark.parametrize("depth", [100_000, 1_000])
def test_deeply_nested_json_is_rejected(client, document, method, url, depth):
    """JSON nested deeper than the limit gets 400 whatever the endpoint, before any view runs."""
    body = '{"attributes": ' + "[" * depth + "]" * depth + "}"
    url = url.format(segment=document.segments.first().pk)
    response = getattr(client, method)(url, body, content_type="application/json")
    assert response.status_code == 400
    assert "nested" in response.json()["detail"]
