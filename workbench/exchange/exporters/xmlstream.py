"""Writing XML a piece at a time: lxml's incremental ``xmlfile`` over a buffer that is drained.

The TMX and XLIFF exporters build each unit with translate-toolkit and hand it to
``XmlStream.writer``; the envelope elements are opened and closed incrementally, so a large
export never exists as one tree.
"""

import io
from collections.abc import Iterator
from contextlib import contextmanager

from lxml import etree

#: Units written between two chunks handed to the response.
UNITS_PER_CHUNK = 200


class XmlStream:
    """An incremental XML writer whose output is taken in chunks."""

    def __init__(self) -> None:
        self.buffer = io.BytesIO()

    @contextmanager
    def writer(self) -> Iterator[etree.xmlfile]:
        """The lxml incremental writer, with the XML declaration written."""
        with etree.xmlfile(self.buffer, encoding="utf-8", buffered=False) as xf:
            xf.write_declaration()
            yield xf

    def take(self) -> str:
        """Everything written since the last call, as text."""
        data = self.buffer.getvalue()
        self.buffer.seek(0)
        self.buffer.truncate()
        return data.decode("utf-8")
