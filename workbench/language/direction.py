"""A text's base direction from its first strong character (UAX #9, rules P2 and P3)."""

import unicodedata

_ISOLATE_INITIATORS = frozenset({"LRI", "RLI", "FSI"})


def text_direction(text: str) -> str:
    """``rtl`` or ``ltr`` from the first strong character; ``ltr`` when there is none.

    Neutrals (digits, punctuation, quotes, spaces) are skipped, and so is everything between
    an isolate initiator (LRI, RLI, FSI) and its matching PDI, as rule P2 says; an isolate
    left open runs to the end of the text. This is what ``dir="auto"`` computes for plain
    text; pages set it explicitly, because ``dir="auto"`` also skips the text of ``<bdi>``
    children and would not see the runs the page wraps.
    """
    depth = 0
    for character in text:
        kind = unicodedata.bidirectional(character)
        if kind in _ISOLATE_INITIATORS:
            depth += 1
        elif kind == "PDI":
            depth = max(0, depth - 1)
        elif depth:
            continue
        elif kind in ("R", "AL"):
            return "rtl"
        elif kind == "L":
            return "ltr"
    return "ltr"
