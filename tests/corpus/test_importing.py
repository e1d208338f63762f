"""Decoding uploaded bytes: what is accepted, what is changed, what is refused and why."""

import unicodedata

import pytest
from django.test import override_settings

from workbench.common.errors import TooLarge, WorkbenchError
from workbench.corpus.importing import check_name, decode, title_from_text


def test_bom_removed_and_recorded():
    """A UTF-8 byte order mark is dropped and the change is recorded."""
    decoded = decode("\ufeffHello".encode(), "a.txt")
    assert decoded.text == "Hello"
    assert decoded.changes == ["removed the UTF-8 byte order mark"]


def test_crlf_and_cr_become_lf():
    """CRLF and lone CR line endings become LF, each conversion counted."""
    decoded = decode(b"one\r\ntwo\r\nthree\rfour", "a.txt")
    assert decoded.text == "one\ntwo\nthree\nfour"
    assert "converted 2 CRLF line endings to LF" in decoded.changes
    assert "converted 1 CR line endings to LF" in decoded.changes


def test_nfc_normalisation_recorded():
    """Decomposed text is stored NFC-normalised."""
    decomposed = unicodedata.normalize("NFD", "café")
    decoded = decode(decomposed.encode(), "a.txt")
    assert decoded.text == "café"
    assert any("NFC" in change for change in decoded.changes)


def test_control_characters_are_kept():
    """Zero-width and bidi control characters stay in the stored text."""
    text = "\u200fقال\u200b الوزير \u202aUN\u202c"
    assert decode(text.encode(), "a.txt").text == text


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "a.txt is empty."),
        (b"   \n\t\n", "a.txt contains no text."),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "a.txt looks like a binary file"),
        ("caf\u00e9".encode("latin-1"), "a.txt is not valid UTF-8: byte 0xe9 at position 3."),
    ],
)
def test_bad_content_rejected(data, message):
    """Empty, blank, binary and non-UTF-8 content is refused with a precise message."""
    with pytest.raises(WorkbenchError) as info:
        decode(data, "a.txt")
    assert info.value.message.startswith(message)
    assert info.value.field == "file"


@override_settings(WORKBENCH_MAX_UPLOAD_BYTES=10)
def test_too_large_rejected():
    """Content over the configured limit raises TooLarge (the API answers 413)."""
    with pytest.raises(TooLarge) as info:
        decode(b"x" * 11, "big.txt")
    assert info.value.message == "big.txt is 11 bytes; the limit is 10 bytes."


@pytest.mark.parametrize("name", ["photo.png", "notes.docx", "README"])
def test_only_txt_and_md_names(name):
    """Only .txt and .md files are importable."""
    with pytest.raises(WorkbenchError, match=r"is not a \.txt or \.md file"):
        check_name(name)


def test_title_is_first_non_empty_line_without_markup():
    """The title is the first non-empty line, without Markdown heading or bold marks."""
    assert title_from_text("\n\n## **حقيقة المقهورين**\nbody", "x.md") == "حقيقة المقهورين"
    assert title_from_text("   \n", "fallback.txt") == "fallback.txt"
