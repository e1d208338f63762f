"""Serializer fields shared by the API: object ids that fit a database key."""

from typing import Any

from rest_framework import serializers

#: The largest id a 64-bit signed key column holds.
MAX_ID = 2**63 - 1


class IdField(serializers.IntegerField):
    """A positive integer id; one past 64 bits is a validation error, not a database crash."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ID)
        super().__init__(**kwargs)
