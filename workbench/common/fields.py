"""Object ids and versions: one parser for every door (URL paths, query strings, request
bodies, ``If-Match``), so that only 1 to 19 ASCII digits that fit a database key are accepted.

Anything else (``²`` and other Unicode digits, signs, 5,000 digits, a number past 64 bits) is
a precise 400 or 404, never a server error.
"""

import re
from typing import Any

from django.utils.translation import gettext as _
from rest_framework import serializers

from workbench.common.errors import NotFound

#: The largest id a 64-bit signed key column holds.
MAX_ID = 2**63 - 1

_DIGITS = re.compile(r"[0-9]{1,19}")


def parse_id(value: Any) -> int | None:
    """``value`` as an id or version (0 to ``MAX_ID``): an ``int``, or a string of 1 to 19
    ASCII digits; ``None`` for anything else."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if 0 <= value <= MAX_ID else None
    if isinstance(value, str) and _DIGITS.fullmatch(value):
        number = int(value)
        return number if number <= MAX_ID else None
    return None


def path_id(value: str) -> int:
    """An id taken from a URL path; one no key column can hold is simply not found."""
    number = parse_id(value)
    if not number:
        raise NotFound(_("Not found."))
    return number


class IdField(serializers.IntegerField):
    """A positive id of 1 to 19 ASCII digits (a JSON number or a string) that fits a key."""

    default_error_messages = {"invalid": _("Give a whole number of 1 to 19 digits (0-9).")}

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ID)
        super().__init__(**kwargs)

    def to_internal_value(self, data: Any) -> int:
        number = parse_id(data)
        if number is None:
            self.fail("invalid")
        return number


class VersionField(IdField):
    """An object's version, parsed like an id (0 is a version no object has: stale)."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("min_value", 0)
        super().__init__(**kwargs)
