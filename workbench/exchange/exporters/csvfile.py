"""CSV: one annotation per row, UTF-8, written with the stdlib ``csv`` module.

With ``bom`` (the Excel option) the file starts with a byte order mark so Excel reads the
Arabic correctly, and cells that Excel would run as a formula (starting with ``=``, ``+``,
``-``, ``@``, tab or carriage return) get a leading apostrophe, as OWASP advises.
"""

import csv
import json
from collections import defaultdict
from collections.abc import Iterator
from typing import Any

from workbench.exchange.exporters.base import AnnotationExporter
from workbench.exchange.selectors import AnnotationExportSource

BOM = "\ufeff"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")
COLUMNS = [
    "document_id",
    "project",
    "source_name",
    "document_title",
    "annotation_id",
    "label",
    "start",
    "end",
    "quote",
    "status",
    "author",
    "created_at",
    "reviewed_by",
    "reviewed_at",
    "review_reason",
    "attributes",
    "links",
]


class _Line:
    """A file-like object whose ``write`` hands back what it was given (one CSV row)."""

    def write(self, value: str) -> str:
        return value


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


class CsvExporter(AnnotationExporter):
    """Columns: document, annotation, review, attributes (JSON and one column per attribute)."""

    name = "csv"
    extension = "csv"
    content_type = "text/csv; charset=utf-8"
    needs_text = False

    @staticmethod
    def _inert(row: list[Any]) -> list[Any]:
        """The row with an apostrophe before every cell Excel would run as a formula."""
        return [
            "'" + value if isinstance(value, str) and value.startswith(FORMULA_STARTS) else value
            for value in row
        ]

    def stream(self, source: AnnotationExportSource) -> Iterator[str]:
        writer = csv.writer(_Line())
        attribute_names = source.attribute_names()
        with_comments = source.query.comments
        header = [*COLUMNS, *(f"attr:{name}" for name in attribute_names)]
        if with_comments:
            header.append("comments")
        first = writer.writerow(header)
        yield BOM + first if self.options.bom else first
        for document in source.documents(with_text=False):
            outgoing: dict[int, list[dict[str, Any]]] = defaultdict(list)
            for link in document["links"]:
                outgoing[link["source"]].append({"type": link["type"], "target": link["target"]})
            for annotation in document["annotations"]:
                attributes = annotation["attributes"] or {}
                row = [
                    document["id"],
                    document["project_name"],
                    document["source_name"],
                    document["title"],
                    annotation["id"],
                    annotation["label"],
                    annotation["start"],
                    annotation["end"],
                    annotation["quote"],
                    annotation["status"],
                    annotation["author"],
                    annotation["created_at"],
                    annotation["reviewed_by"],
                    annotation["reviewed_at"],
                    annotation["review_reason"],
                    _json(attributes),
                    _json(outgoing.get(annotation["id"], [])),
                ]
                for name in attribute_names:
                    value = attributes.get(name)
                    row.append(value if value is None or isinstance(value, str) else _json(value))
                if with_comments:
                    row.append(_json(annotation["comments"]))
                yield writer.writerow(self._inert(row) if self.options.bom else row)
