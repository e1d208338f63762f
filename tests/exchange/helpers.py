"""Downloading an export through the API and reading it back."""

import json

from django.http import StreamingHttpResponse

ANNOTATIONS = "/api/v1/export/annotations/"
TRANSLATIONS = "/api/v1/export/translations/"


def download(client, path: str, **params) -> tuple[StreamingHttpResponse, str]:
    """The streamed response and its whole body as UTF-8 text."""
    response = client.get(path, params)
    assert response.streaming, response.content
    return response, b"".join(response.streaming_content).decode("utf-8")


def jsonl(client, **params) -> list[dict]:
    """The JSONL export, one ``json.loads`` per line."""
    _response, body = download(client, ANNOTATIONS, format="jsonl", **params)
    return [json.loads(line) for line in body.splitlines()]
