"""Export API: streamed downloads, headers, permissions, bad parameters, rate limit, schema."""

import pytest
from django.http import StreamingHttpResponse

from tests.exchange.helpers import ANNOTATIONS, TRANSLATIONS, download, jsonl
from tests.factories import make_document

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("path", "params", "content_type", "extension"),
    [
        (ANNOTATIONS, {"format": "jsonl"}, "application/x-ndjson; charset=utf-8", ".jsonl"),
        (ANNOTATIONS, {"format": "csv"}, "text/csv; charset=utf-8", ".csv"),
        (
            ANNOTATIONS,
            {"format": "webannotation"},
            'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"',
            ".jsonld",
        ),
        (
            TRANSLATIONS,
            {"format": "tmx", "target": "en"},
            "application/x-tmx+xml; charset=utf-8",
            ".tmx",
        ),
        (
            TRANSLATIONS,
            {"format": "xliff", "target": "en"},
            "application/xliff+xml; charset=utf-8",
            ".xlf",
        ),
    ],
)
def test_streamed_with_content_type_and_attachment(
    api, annotator, corpus, path, params, content_type, extension
):
    """Each format streams with its content type and a Content-Disposition attachment."""
    response = api(annotator).get(path, params)
    assert response.status_code == 200
    assert isinstance(response, StreamingHttpResponse)
    assert response["Content-Type"] == content_type
    disposition = response["Content-Disposition"]
    assert disposition.startswith('attachment; filename="workbench-')
    assert disposition.endswith(f'{extension}"')
    assert b"".join(response.streaming_content)


def test_login_required(api, corpus):
    """Anonymous requests get 401."""
    assert api().get(ANNOTATIONS, {"format": "jsonl"}).status_code == 401
    assert api().get(TRANSLATIONS, {"format": "tmx", "target": "en"}).status_code == 401


def test_outsiders_get_404_for_project_and_document(api, outsider, corpus):
    """A project or document of someone else's project is 404, as if it did not exist."""
    client = api(outsider)
    for params in ({"project": corpus.document.project_id}, {"document": corpus.document.pk}):
        assert client.get(ANNOTATIONS, {"format": "jsonl", **params}).status_code == 404
        response = client.get(TRANSLATIONS, {"format": "tmx", "target": "en", **params})
        assert response.status_code == 404


def test_without_project_only_own_projects(api, outsider, annotator, corpus, other_project):
    """With no project given, a user exports every project they belong to and nothing else."""
    make_document(other_project, "Outsider text.", name="outside.txt")
    assert [line["source_name"] for line in jsonl(api(outsider))] == ["outside.txt"]
    names = {line["source_name"] for line in jsonl(api(annotator))}
    assert names == {"statement.txt", "plain.md"}
    _response, body = download(api(outsider), TRANSLATIONS, format="tmx", target="en")
    assert "<tu" not in body


@pytest.mark.parametrize(
    ("path", "params", "field"),
    [
        (ANNOTATIONS, {}, "format"),
        (ANNOTATIONS, {"format": "xml"}, "format"),
        (ANNOTATIONS, {"format": "jsonl", "status": "approved"}, "status"),
        (ANNOTATIONS, {"format": "jsonl", "label_type": "opinion"}, "label_type"),
        (ANNOTATIONS, {"format": "jsonl", "project": "abc"}, "project"),
        (TRANSLATIONS, {"format": "jsonl", "target": "en"}, "format"),
        (TRANSLATIONS, {"format": "tmx", "target": "en", "status": "accepted"}, "status"),
    ],
)
def test_bad_parameters_are_400_naming_the_field(api, annotator, corpus, path, params, field):
    """An unknown format, status, label type or a non-numeric id is a JSON 400."""
    response = api(annotator).get(path, params)
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert field in response.json()


def test_rate_limited_per_user(api, annotator, corpus, settings):
    """Past WORKBENCH_EXPORT_RATE exports a user gets 429 with Retry-After."""
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"export": "2/min"},
    }
    client = api(annotator)
    assert client.get(ANNOTATIONS, {"format": "csv"}).status_code == 200
    assert client.get(TRANSLATIONS, {"format": "tmx", "target": "en"}).status_code == 200
    limited = client.get(ANNOTATIONS, {"format": "csv"})
    assert limited.status_code == 429
    assert "Retry-After" in limited


def test_schema_lists_export_endpoints(api, annotator):
    """The OpenAPI schema describes both export endpoints and their format parameter."""
    schema = api(annotator).get("/api/v1/schema/", {"format": "json"}).json()
    for route, formats in (
        ("/api/v1/export/annotations/", ["jsonl", "csv", "webannotation"]),
        ("/api/v1/export/translations/", ["tmx", "xliff"]),
    ):
        parameters = {p["name"]: p for p in schema["paths"][route]["get"]["parameters"]}
        assert sorted(parameters["format"]["schema"]["enum"]) == sorted(formats)
        assert parameters["format"]["required"] is True


def test_the_schema_documents_the_export_parameters(api, annotator):
    """The export parameters come from the serializers that parse them: the formats as an
    enum, ids as integer arrays, the booleans as booleans."""
    schema = api(annotator).get("/api/v1/schema/", {"format": "json"}).json()
    for path, formats in (
        ("/api/v1/export/annotations/", ["csv", "jsonl", "webannotation"]),
        ("/api/v1/export/translations/", ["tmx", "xliff"]),
    ):
        parameters = {p["name"]: p for p in schema["paths"][path]["get"]["parameters"]}
        assert sorted(parameters["format"]["schema"]["enum"]) == formats
        assert parameters["format"]["required"] is True
        assert parameters["project"]["schema"] == {"type": "array", "items": {"type": "integer"}}
        assert "status" in parameters
    parameters = {
        p["name"]: p for p in schema["paths"]["/api/v1/export/annotations/"]["get"]["parameters"]
    }
    assert parameters["comments"]["schema"]["type"] == "boolean"
    assert {"label_type", "language", "bom"} <= set(parameters)


def test_a_bad_boolean_is_refused(api, annotator, corpus):
    """``comments=maybe`` is a 400 naming the parameter, not silently false."""
    response = api(annotator).get(ANNOTATIONS, {"format": "jsonl", "comments": "maybe"})
    assert response.status_code == 400
    assert "comments" in response.json()
