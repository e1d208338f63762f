"""A JSON parser that refuses deeply nested documents with a 400 instead of crashing.

Python's ``json`` module recurses once per level, so a body of 100,000 opening brackets raises
``RecursionError``, which is no ``ValueError`` and would escape as a 500. Anything nested deeper
than ``MAX_DEPTH`` is refused too: no request of this API needs more. A string holding a NUL
character (U+0000) anywhere, key or value, is refused with a 400 as well: PostgreSQL cannot
store one in text or jsonb, and no text of this API needs it.
"""

from typing import Any

from django.utils.translation import gettext as _
from rest_framework import parsers
from rest_framework.exceptions import ParseError

#: The deepest nesting of arrays and objects a request body may have.
MAX_DEPTH = 32


def nul_message() -> str:
    """The error for text holding U+0000, in the active language."""
    return _("Text must not contain NUL characters (U+0000).")


def contains_nul(value: Any) -> bool:
    """Whether any string in ``value`` (keys included) holds U+0000, without recursing."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            if "\x00" in item:
                return True
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return False


def nesting_depth(value: Any) -> int:
    """How deeply arrays and objects nest in ``value`` (0 for a scalar), without recursing."""
    deepest = 0
    stack = [(value, 0)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict):
            children = item.values()
        elif isinstance(item, list):
            children = item
        else:
            deepest = max(deepest, depth)
            continue
        deepest = max(deepest, depth + 1)
        if deepest > MAX_DEPTH:
            return deepest
        stack.extend((child, depth + 1) for child in children)
    return deepest


class JSONParser(parsers.JSONParser):
    """DRF's JSON parser with a limit on nesting."""

    def parse(self, stream, media_type=None, parser_context=None) -> Any:
        message = _("JSON nested deeper than %(depth)d levels is not accepted.") % {
            "depth": MAX_DEPTH
        }
        try:
            data = super().parse(stream, media_type, parser_context)
        except RecursionError:
            raise ParseError(message) from None
        if nesting_depth(data) > MAX_DEPTH:
            raise ParseError(message)
        if contains_nul(data):
            raise ParseError(nul_message())
        return data
