"""The detect_language management command: JSON lines out, clear errors for bad input."""

import io
import json

import pytest
from django.core.management import CommandError, call_command

from workbench.language.detection import detect_segments

LINES = [
    "Permalink",
    "قال المتحدث باسم النقابة: we will not go back until wages are paid.",
    "",
    "😂 الشعب 👍🏽 people",
]


def run_command(*args, **options) -> list[dict]:
    out = io.StringIO()
    call_command("detect_language", *args, stdout=out, **options)
    return [json.loads(line) for line in out.getvalue().splitlines()]


def test_prints_one_json_object_per_line_of_a_file(tmp_path):
    """Each input line gives text, language, languages, runs and confidence, with offsets into
    that line, exactly as detect_segments gives them for the lines as one document."""
    path = tmp_path / "input.txt"
    path.write_text("\r\n".join(LINES) + "\r\n", encoding="utf-8")
    records = run_command(str(path))
    assert [record["text"] for record in records] == LINES
    detections = detect_segments(LINES)
    expected = [{"text": line, **d.as_dict()} for line, d in zip(LINES, detections, strict=True)]
    assert records == expected
    assert records[1]["language"] == "mixed"
    emoji_line = records[3]
    assert emoji_line["runs"][-1]["end"] == len(LINES[3])
    for record in records:
        for run in record["runs"]:
            assert set(run) == {"start", "end", "language", "script"}


def test_reads_standard_input_and_keeps_non_ascii_unescaped():
    """Without FILE the command reads stdin; the JSON keeps Arabic as is (ensure_ascii off)."""
    out = io.StringIO()
    call_command("detect_language", stdin=io.StringIO("حلب\nIran\n"), stdout=out)
    assert "حلب" in out.getvalue()
    records = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [record["language"] for record in records] == ["ar", "en"]


def test_decodes_a_byte_order_mark(tmp_path):
    """A UTF-8 BOM is not part of the first line."""
    path = tmp_path / "bom.txt"
    path.write_bytes("\ufeffJoin us\n".encode())
    assert run_command(str(path))[0]["text"] == "Join us"


def test_missing_file_is_a_command_error(tmp_path):
    """A path that does not exist gives a CommandError naming it."""
    missing = tmp_path / "missing.txt"
    with pytest.raises(CommandError, match="does not exist"):
        call_command("detect_language", str(missing), stdout=io.StringIO())


def test_directory_is_a_command_error(tmp_path):
    """A directory is not a file to read."""
    with pytest.raises(CommandError, match="is not a file"):
        call_command("detect_language", str(tmp_path), stdout=io.StringIO())


def test_non_utf8_input_is_a_command_error(tmp_path):
    """Bytes that are not UTF-8 give a CommandError with the line of the bad byte."""
    path = tmp_path / "latin1.txt"
    path.write_bytes("ok\ngrève\n".encode("latin-1"))
    with pytest.raises(CommandError, match="not UTF-8 text: invalid byte at line 2"):
        call_command("detect_language", str(path), stdout=io.StringIO())
