"""Reading one JSONL line back: its JSON, its shape, and the values a document line must hold.

``parse_line`` checks only what can be checked without the database (broken JSON, missing or
mistyped fields, a ``sha256`` that does not match the text) and raises ``LineError`` with the
reason. Offsets, quotes and labels are checked against the stored document by the service.
Lines from doccano, with only ``text`` and ``label: [[start, end, type], ...]``, are read too.
"""

import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from workbench.corpus.importing import ALLOWED_SUFFIXES


class LineError(Exception):
    """A line that cannot be imported, with the reason."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass
class AnnotationLine:
    """One annotation as the file gives it."""

    position: int
    key: Any
    label: str
    start: Any
    end: Any
    quote: Any
    attributes: Any = field(default_factory=dict)
    status: str = "pending"
    author: str | None = None
    reviewed_by: str | None = None
    review_reason: str = ""
    comments: list[dict[str, Any]] = field(default_factory=list)

    def describe(self) -> str:
        """How error messages name this annotation."""
        return _("annotation %(n)d (%(label)s %(start)s:%(end)s)") % {
            "n": self.position,
            "label": self.label,
            "start": self.start,
            "end": self.end,
        }


@dataclass
class DocumentLine:
    """One document line: its text and name, annotations, links and segment overrides."""

    text: str
    source_name: str
    annotations: list[AnnotationLine]
    links: list[dict[str, Any]]
    segments: list[dict[str, Any]]


def _object(value: Any, what: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise LineError(_("%(what)s must be a JSON object.") % {"what": what})
    return value


def _list(data: dict[str, Any], key: str) -> list[Any]:
    value = data.get(key) or []
    if not isinstance(value, list):
        raise LineError(_("%(key)s must be a JSON array.") % {"key": key})
    return value


def _optional_text(data: dict[str, Any], key: str, what: str) -> str | None:
    value = data.get(key)
    if value is not None and not isinstance(value, str):
        raise LineError(_("%(what)s: %(key)s must be a string.") % {"what": what, "key": key})
    return value


def _annotation(position: int, raw: Any) -> AnnotationLine:
    what = _("annotation %(n)d") % {"n": position}
    data = _object(raw, what)
    label = data.get("label")
    if not isinstance(label, str) or not label:
        raise LineError(_("%(what)s has no label.") % {"what": what})
    comments = _list(data, "comments")
    for comment in comments:
        _object(comment, _("%(what)s: a comment") % {"what": what})
    return AnnotationLine(
        position=position,
        key=data.get("id", position),
        label=label,
        start=data.get("start"),
        end=data.get("end"),
        quote=data.get("quote"),
        attributes=data.get("attributes") or {},
        status=data.get("status") or "pending",
        author=_optional_text(data, "author", what),
        reviewed_by=_optional_text(data, "reviewed_by", what),
        review_reason=_optional_text(data, "review_reason", what) or "",
        comments=comments,
    )


def _doccano_labels(data: dict[str, Any], text: str) -> list[AnnotationLine]:
    """doccano's ``label: [[start, end, type], ...]``, as pending annotations."""
    annotations = []
    for position, item in enumerate(_list(data, "label"), start=1):
        if not (isinstance(item, list) and len(item) == 3):
            raise LineError(_("label %(n)d must be [start, end, type].") % {"n": position})
        start, end, label = item
        quote = text[start:end] if isinstance(start, int) and isinstance(end, int) else None
        annotations.append(
            AnnotationLine(
                position=position, key=position, label=str(label), start=start, end=end, quote=quote
            )
        )
    return annotations


def parse_line(raw: str | bytes, number: int) -> DocumentLine | None:
    """The document line ``raw``, ``None`` for a blank line, or ``LineError`` saying why not."""
    if isinstance(raw, bytes):
        try:
            raw = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise LineError(
                _("not valid UTF-8: byte 0x%(byte)02x at position %(pos)d.")
                % {"byte": exc.object[exc.start], "pos": exc.start}
            ) from None
    if not raw.strip():
        return None
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise LineError(
            _("not valid JSON: %(msg)s at column %(col)d.") % {"msg": exc.msg, "col": exc.colno}
        ) from None
    data = _object(data, _("The line"))
    text = data.get("text")
    if not isinstance(text, str) or not text.strip():
        raise LineError(_("text is missing or empty."))
    sha256 = data.get("sha256")
    if sha256 is not None and sha256 != hashlib.sha256(text.encode("utf-8")).hexdigest():
        raise LineError(_("sha256 does not match the text; the text was changed."))
    source_name = data.get("source_name") or f"line-{number}.txt"
    if not isinstance(source_name, str):
        raise LineError(_("source_name must be a string."))
    if not source_name.lower().endswith(ALLOWED_SUFFIXES):
        source_name = f"{source_name}.txt"
    if "annotations" in data:
        annotations = [
            _annotation(position, item)
            for position, item in enumerate(_list(data, "annotations"), start=1)
        ]
    else:
        annotations = _doccano_labels(data, text)
    links = _list(data, "links")
    for link in links:
        _object(link, _("a link"))
    segments = _list(data, "segments")
    for segment in segments:
        _object(segment, _("a segment"))
    return DocumentLine(
        text=text,
        source_name=source_name,
        annotations=annotations,
        links=links,
        segments=segments,
    )
