"""Helpers the export selectors use to read rows fast, checked against what Django gives."""

from datetime import UTC, datetime, timedelta, timezone

import pytest

from workbench.annotation.models import Annotation
from workbench.exchange.selectors import decode_all, iso_text, timestamp_text


@pytest.mark.parametrize(
    "value",
    [
        datetime(2026, 1, 2, 3, 4, 5, 678901, tzinfo=UTC),
        datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC),
        datetime(2026, 12, 31, 23, 59, 59, 100, tzinfo=UTC),
    ],
)
def test_iso_text_matches_isoformat(value):
    """SQLite's and PostgreSQL's stored texts both become exactly ``isoformat()``."""
    sqlite_text = str(value.replace(tzinfo=None))
    postgres_text = value.isoformat(" ").replace("+00:00", "+00")
    assert iso_text(sqlite_text) == value.isoformat()
    assert iso_text(postgres_text) == value.isoformat()


def test_iso_text_keeps_other_offsets_and_none():
    """A text with another offset is parsed, not rewritten; no time stays ``None``."""
    value = datetime(2026, 1, 2, 3, 4, 5, tzinfo=timezone(timedelta(hours=2)))
    assert iso_text(value.isoformat()) == "2026-01-02T03:04:05+02:00"
    assert iso_text(None) is None


@pytest.mark.django_db
def test_stored_timestamps_read_back_as_django_does(corpus):
    """The text read from the database gives the same ISO time as the model's datetime."""
    rows = Annotation.objects.filter(reviewed_at__isnull=False).values_list(
        "reviewed_at", timestamp_text("reviewed_at")
    )
    assert rows
    for value, text in rows:
        assert iso_text(text) == value.isoformat()


def test_decode_all_in_one_call():
    """Many JSON texts decode together, ``None`` as ``None``, Arabic intact."""
    assert decode_all(['{"a": 1}', None, '["ar"]', '{"t": "\\u0627"}']) == [
        {"a": 1},
        None,
        ["ar"],
        {"t": "ا"},
    ]
