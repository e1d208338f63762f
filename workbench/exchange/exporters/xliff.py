"""XLIFF 1.2: one ``<file>`` per document and source language, units built by translate-toolkit.

translate-toolkit's ``xliff`` storage writes XLIFF 1.1 by default; ``Xliff12Unit`` only puts
its units in the 1.2 namespace, so each ``trans-unit`` (``source``, ``target``, ``note``) is
the library's own, and the envelope (``xliff``, ``file``, ``body``) is written incrementally.
Approved translations carry ``approved="yes"`` and ``state="final"``; other statuses map to
the XLIFF 1.2 ``state`` values that CAT tools show.
"""

from collections.abc import Iterator
from itertools import chain, groupby
from typing import Any

from lxml import etree
from translate.storage import xliff

from workbench.exchange.exporters.base import TranslationExporter
from workbench.exchange.exporters.xmlstream import UNITS_PER_CHUNK, XmlStream
from workbench.exchange.selectors import TranslationExportSource
from workbench.translation.models import Status

NAMESPACE = "urn:oasis:names:tc:xliff:document:1.2"
#: XLIFF 1.2 ``state`` of the target for each translation status.
STATES = {
    Status.DRAFT: "needs-review-translation",
    Status.EDITED: "translated",
    Status.APPROVED: "final",
    Status.REJECTED: "needs-translation",
}


class Xliff12Unit(xliff.xliffunit):
    """A translate-toolkit XLIFF unit in the 1.2 namespace."""

    namespace = NAMESPACE


def _tag(name: str) -> str:
    return f"{{{NAMESPACE}}}{name}"


def file_name(row: dict[str, Any]) -> str:
    """The ``original`` of a document's ``<file>``: its name, and revision after the first."""
    if row["revision"] > 1:
        return f"{row['source_name']} (revision {row['revision']})"
    return row["source_name"]


class XliffExporter(TranslationExporter):
    """XLIFF 1.2 for CAT tools."""

    name = "xliff"
    extension = "xlf"
    content_type = "application/xliff+xml; charset=utf-8"
    xml = True

    def stream(self, source: TranslationExportSource) -> Iterator[str]:
        out = XmlStream()
        count = 0
        groups = groupby(self.rows(source), key=lambda row: (row["document_id"], row["source"]))
        with out.writer() as xf, xf.element(_tag("xliff"), nsmap={None: NAMESPACE}, version="1.2"):
            for _key, rows in groups:
                first = next(rows)
                attributes = {
                    "original": file_name(first),
                    "source-language": first["source"],
                    "target-language": source.query.target,
                    "datatype": "plaintext",
                }
                with xf.element(_tag("file"), attributes), xf.element(_tag("body")):
                    for row in chain([first], rows):
                        xf.write(self.unit(row), "\n")
                        count += 1
                        if count % UNITS_PER_CHUNK == 0:
                            yield out.take()
        yield out.take()

    @staticmethod
    def unit(row: dict[str, Any]) -> etree._Element:
        """The ``<trans-unit>`` of one translation row, in the default namespace."""
        unit = Xliff12Unit(row["source_text"])
        unit.setid(str(row["segment_index"]))
        unit.target = row["text"]
        unit.markapproved(row["status"] == Status.APPROVED)
        unit.xmlelement.set("resname", f"segment-{row['segment_index']}")
        unit.xmlelement.find(_tag("target")).set("state", STATES[row["status"]])
        origin = row["origin"]
        if row["package_code"]:
            origin = f"{origin} ({row['package_code']} {row['package_version']})".strip()
        unit.addnote(f"origin: {origin}", origin="workbench")
        if row.get("xml_note"):
            unit.addnote(row["xml_note"], origin="workbench")
        if row["reviewer_name"]:
            unit.addnote(f"{row['status']} by {row['reviewer_name']}", origin="workbench")
        element = etree.Element(
            _tag("trans-unit"), dict(unit.xmlelement.attrib), nsmap={None: NAMESPACE}
        )
        element.extend(unit.xmlelement)
        return element
