"""JSONL: one document per line, doccano-compatible ``label`` plus our richer fields.

Each line loads with a plain ``json.loads`` and keeps Arabic readable (no ``\\u`` escapes).
It is also the format ``import_annotations`` reads back: the backup and migration path.
"""

import json
from collections.abc import Iterator
from typing import Any

from workbench.exchange.exporters.base import AnnotationExporter
from workbench.exchange.selectors import AnnotationExportSource


def document_line(document: dict[str, Any]) -> dict[str, Any]:
    """The JSON object written for one document record."""
    annotations = document["annotations"]
    return {
        "id": document["id"],
        "project": document["project_name"],
        "source_name": document["source_name"],
        "title": document["title"],
        "revision": document["revision"],
        "sha256": document["sha256"],
        "language": document["language"],
        "text": document["text"],
        "label": [[a["start"], a["end"], a["label"]] for a in annotations],
        "annotations": annotations,
        "links": document["links"],
        "segments": document["segments"],
    }


class JsonlExporter(AnnotationExporter):
    """One JSON object per line, one line per document."""

    name = "jsonl"
    extension = "jsonl"
    content_type = "application/x-ndjson; charset=utf-8"
    needs_segments = True

    def stream(self, source: AnnotationExportSource) -> Iterator[str]:
        for document in source.documents(with_text=True, with_segments=True):
            yield json.dumps(document_line(document), ensure_ascii=False) + "\n"
