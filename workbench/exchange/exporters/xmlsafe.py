"""XML 1.0 cannot carry C0 control characters other than tab, line feed and carriage return.

TMX and XLIFF are XML, so a segment or translation that holds such a character (pasted
text brings U+0001..U+001F now and then) loses it in those formats. The exporters take the
characters out themselves, write a note on each unit that changed naming what was removed,
and the export's response says how many units changed, so nothing disappears silently.
"""

import re
import unicodedata
from typing import Any

#: The C0 control characters XML 1.0 forbids (NUL cannot be stored at all).
XML_FORBIDDEN = "\x01-\x08\x0b\x0c\x0e-\x1f"
_FORBIDDEN = re.compile(f"[{XML_FORBIDDEN}]")

#: Database regex matching a text that holds one of them (SQLite's and PostgreSQL's alike).
XML_FORBIDDEN_REGEX = f"[{XML_FORBIDDEN}]"

#: Response header with the number of exported units whose text lost control characters.
CHANGED_HEADER = "X-Workbench-Controls-Removed"


def _name(character: str) -> str:
    code = ord(character)
    return f"U+{code:04X} {unicodedata.name(character, '')}".strip() or f"U+{code:04X}"


def xml_safe_row(row: dict[str, Any], fields: tuple[str, ...]) -> dict[str, Any]:
    """``row`` with the control characters taken out of ``fields``; ``xml_note`` says which.

    ``xml_note`` is empty when nothing had to change.
    """
    found: dict[str, int] = {}
    for field in fields:
        value = row.get(field)
        if value and _FORBIDDEN.search(value):
            for character in _FORBIDDEN.findall(value):
                found[character] = found.get(character, 0) + 1
            row = {**row, field: _FORBIDDEN.sub("", value)}
    note = ""
    if found:
        listed = ", ".join(f"{_name(char)} ×{count}" for char, count in sorted(found.items()))
        note = f"control characters removed (XML cannot carry them): {listed}"
    return {**row, "xml_note": note}
