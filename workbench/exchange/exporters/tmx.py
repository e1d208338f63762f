"""TMX 1.4: one ``<tu>`` per translation, built with translate-toolkit's ``tmx`` storage.

Each unit holds the segment's text (``xml:lang`` its source language) and the translation
(``xml:lang`` the target), the document and segment as a note and an ``x-context`` property,
and the status, origin and reviewer as ``x-`` properties. The header's ``srclang`` is the
source language, or ``*all*`` when the export mixes several.
"""

from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

from lxml import etree
from translate.storage import tmx

from workbench.exchange.exporters.base import TranslationExporter
from workbench.exchange.exporters.xmlstream import UNITS_PER_CHUNK, XmlStream
from workbench.exchange.selectors import TranslationExportSource


def tmx_date(value: datetime | None) -> str | None:
    """A datetime in TMX's ``YYYYMMDDThhmmssZ`` form (UTC)."""
    if value is None:
        return None
    return value.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


class TmxExporter(TranslationExporter):
    """Translation memory exchange, version 1.4."""

    name = "tmx"
    extension = "tmx"
    content_type = "application/x-tmx+xml; charset=utf-8"
    xml = True

    def stream(self, source: TranslationExportSource) -> Iterator[str]:
        languages = source.source_languages()
        srclang = languages[0] if len(languages) == 1 else "*all*"
        store = tmx.tmxfile(sourcelanguage=srclang, targetlanguage=source.query.target)
        header = store.document.getroot().find("header")
        out = XmlStream()
        with out.writer() as xf:
            xf.write_doctype('<!DOCTYPE tmx SYSTEM "tmx14.dtd">')
            with xf.element("tmx", version="1.4"):
                xf.write(header)
                with xf.element("body"):
                    for count, row in enumerate(self.rows(source), start=1):
                        xf.write(self.unit(row).xmlelement, "\n")
                        if count % UNITS_PER_CHUNK == 0:
                            yield out.take()
        yield out.take()

    @staticmethod
    def unit(row: dict[str, Any]) -> tmx.tmxunit:
        """The ``<tu>`` of one translation row."""
        unit = tmx.tmxunit(None)
        unit.setsource(row["source_text"], row["source"])
        unit.settarget(row["text"], row["target"], append=True)
        name = row["source_name"]
        if row["revision"] > 1:
            name = f"{name} (revision {row['revision']})"
        unit.addnote(f"{row['project_name']} / {name} / segment {row['segment_index']}")
        if row.get("xml_note"):
            unit.addnote(row["xml_note"])
        unit.setcontext(f"{row['source_name']}#{row['segment_index']}")
        element = unit.xmlelement
        element.set("srclang", row["source"])
        element.set("tuid", f"{row['document_id']}-{row['segment_index']}")
        if row["reviewer_name"]:
            element.set("changeid", row["reviewer_name"])
        if changed := tmx_date(row["reviewed_at"]):
            element.set("changedate", changed)
        if created := tmx_date(row["created_at"]):
            element.set("creationdate", created)
        first_tuv = element.find("tuv")
        for kind, value in (
            ("x-status", row["status"]),
            ("x-origin", row["origin"]),
            ("x-engine", " ".join(v for v in (row["package_code"], row["package_version"]) if v)),
        ):
            if value:
                prop = etree.Element("prop", type=kind)
                prop.text = value
                first_tuv.addprevious(prop)
        return unit
