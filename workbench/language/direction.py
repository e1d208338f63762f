"""A text's base direction from its first strong character (UAX #9, rules P2 and P3)."""

import unicodedata


def text_direction(text: str) -> str:
    """``rtl`` or ``ltr`` from the first strong character; ``ltr`` when there is none.

    This is what ``dir="auto"`` computes for plain text; pages set it explicitly.
    """
    for character in text:
        kind = unicodedata.bidirectional(character)
        if kind in ("R", "AL"):
            return "rtl"
        if kind == "L":
            return "ltr"
    return "ltr"
