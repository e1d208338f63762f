"""Object ids that fit a database key, in request bodies and in URL paths."""

from typing import Any

from django.utils.translation import gettext as _
from rest_framework import serializers

from workbench.common.errors import NotFound

#: The largest id a 64-bit signed key column holds.
MAX_ID = 2**63 - 1


def path_id(value: str) -> int:
    """An id taken from a URL path; one no key column can hold is simply not found."""
    number = int(value)
    if not 0 < number <= MAX_ID:
        raise NotFound(_("Not found."))
    return number


class IdField(serializers.IntegerField):
    """A positive integer id; one past 64 bits is a validation error, not a database crash."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ID)
        super().__init__(**kwargs)
