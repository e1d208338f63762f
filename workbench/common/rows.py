"""Shared pieces of the row builders: how a timestamp is written as text.

Every place that writes a timestamp as text (the API, the workspace payload, exports,
audit and review snapshots) writes it the way DRF does: ISO 8601 in UTC with ``Z``.
"""

from datetime import UTC, datetime


def timestamp(value: datetime | None) -> str | None:
    """A datetime as ISO 8601 in UTC with ``Z`` for the offset, or ``None``."""
    if value is None:
        return None
    return value.astimezone(UTC).isoformat().replace("+00:00", "Z")


def timestamp_text(raw: str | None) -> str | None:
    """The same string as :func:`timestamp` from a timestamp's stored text.

    SQLite's text (``str()`` of the naive UTC time, 19 or 26 characters) is rewritten as a
    string; anything else (PostgreSQL's ``…+00``) is parsed by ``datetime``.
    """
    if raw is None:
        return None
    if len(raw) in (19, 26) and raw[10] == " ":
        return f"{raw[:10]}T{raw[11:]}Z"
    value = datetime.fromisoformat(raw)
    return timestamp(value if value.tzinfo else value.replace(tzinfo=UTC))
