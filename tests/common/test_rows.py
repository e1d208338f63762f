from datetime import UTC, datetime, timedelta, timezone

from workbench.common.rows import timestamp, timestamp_text


def test_timestamp_is_utc_with_z():
    value = datetime(2026, 1, 2, 3, 4, 5, 678901, tzinfo=UTC)
    assert timestamp(value) == "2026-01-02T03:04:05.678901Z"


def test_timestamp_converts_other_offsets_to_utc():
    value = datetime(2026, 1, 2, 6, 4, 5, tzinfo=timezone(timedelta(hours=3)))
    assert timestamp(value) == "2026-01-02T03:04:05Z"


def test_timestamp_of_none_is_none():
    assert timestamp(None) is None
    assert timestamp_text(None) is None


def test_stored_text_gives_the_same_string():
    value = datetime(2026, 1, 2, 3, 4, 5, 678901, tzinfo=UTC)
    assert timestamp_text("2026-01-02 03:04:05.678901") == timestamp(value)
    assert timestamp_text("2026-01-02 03:04:05") == timestamp(value.replace(microsecond=0))
    assert timestamp_text("2026-01-02 03:04:05.678901+00") == timestamp(value)
