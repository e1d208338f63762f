"""The exporter contract: one class per format, declaring its name, extension and content type.

An exporter turns an export source (see ``workbench.exchange.selectors``) into a stream of
text chunks. Every door (API, management commands, admin) reaches each format through the
registry in ``workbench.exchange.exporters``, so a format is written exactly once.
"""

from abc import ABC, abstractmethod
from collections.abc import Iterator
from typing import Any, ClassVar

from workbench.exchange.exporters.xmlsafe import (
    CHANGED_HEADER,
    XML_FORBIDDEN_REGEX,
    xml_safe_row,
)
from workbench.exchange.query import ExportOptions
from workbench.exchange.selectors import AnnotationExportSource, TranslationExportSource


class Exporter(ABC):
    """Base of every exporter."""

    #: The value of ``format=`` that selects this exporter.
    name: ClassVar[str]
    #: File name extension, without the dot.
    extension: ClassVar[str]
    #: The HTTP content type, charset included.
    content_type: ClassVar[str]

    def __init__(self, options: ExportOptions | None = None) -> None:
        self.options = options or ExportOptions()

    def headers(self, source: object) -> dict[str, str]:
        """Response headers the export adds about ``source`` (none by default)."""
        return {}


class AnnotationExporter(Exporter):
    """Writes documents and their annotations."""

    #: Whether the exporter needs each document's text and segments.
    needs_text: ClassVar[bool] = True
    needs_segments: ClassVar[bool] = False

    @abstractmethod
    def stream(self, source: AnnotationExportSource) -> Iterator[str]:
        """Yield the file as text chunks, reading ``source`` lazily."""


class TranslationExporter(Exporter):
    """Writes translations of one target language."""

    #: Whether the format is XML, which cannot carry most C0 control characters.
    xml: ClassVar[bool] = False

    def headers(self, source: TranslationExportSource) -> dict[str, str]:
        """For XML formats, how many units lose control characters (see ``xmlsafe``)."""
        if not self.xml:
            return {}
        return {CHANGED_HEADER: str(source.count_matching(XML_FORBIDDEN_REGEX))}

    def rows(self, source: TranslationExportSource) -> Iterator[dict[str, Any]]:
        """The source's rows; for XML formats without control characters, with a note."""
        rows = source.rows()
        if not self.xml:
            return rows
        return (xml_safe_row(row, ("source_text", "text")) for row in rows)

    @abstractmethod
    def stream(self, source: TranslationExportSource) -> Iterator[str]:
        """Yield the file as text chunks, reading ``source`` lazily."""
