"""normalise and its offset map: the stored text, and every mappable offset landing on the same
characters (property-tested with hypothesis)."""

import unicodedata

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from workbench.corpus.importing import decode
from workbench.corpus.normalising import OffsetInside, normalise

#: Characters that make normalisation interesting: combining marks (Latin and Arabic), the
#: alef and hamza that NFC joins, Hangul jamo, a Tamil vowel sign that composes though its
#: combining class is 0, singletons, line ends, a BOM, emoji with a skin tone.
TRICKY = list(
    "ae \u0301\u0327\u0323\u0302\u0627\u0654\u0655\u0623\u064e\u0651"
    "\u1100\u1161\u11a8\uac00\u0bc6\u0bbe\u2126\u212b\u0344\u0f73"
    "\r\n\ufeff\U0001f44d\U0001f3fd"
)
texts = st.one_of(
    st.lists(st.sampled_from(TRICKY), max_size=30).map("".join),
    st.text(max_size=30),
)


def expected_text(text: str) -> str:
    if text.startswith("\ufeff"):
        text = text[1:]
    return unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))


def expected_span(text: str, start: int, end: int) -> str:
    """What ``text[start:end]`` becomes in the stored text."""
    piece = text[start:end]
    if start == 0 and piece.startswith("\ufeff"):
        piece = piece[1:]
    return unicodedata.normalize("NFC", piece.replace("\r\n", "\n").replace("\r", "\n"))


def mapped(offsets, offset: int) -> int | None:
    try:
        return offsets(offset)
    except OffsetInside:
        return None


@settings(max_examples=400, deadline=None)
@given(texts)
@example("\ufeffa\u0627\u0654b\r\nc")
@example("\u1100\u1161\u11a8")
def test_every_mappable_span_reads_the_same_after_normalisation(text):
    """The stored text is the NFC, LF, BOM-less text; every span whose ends map reads, in the
    stored text, what the original span reads once normalised; ends map in order, 0 to 0 and
    the end to the end, and past the end stays as far past it."""
    result = normalise(text)
    assert result.text == expected_text(text)
    offsets = result.offsets
    assert offsets(0) == 0
    assert offsets(len(text)) == len(result.text)
    assert offsets(len(text) + 3) == len(result.text) + 3
    places = [(offset, mapped(offsets, offset)) for offset in range(len(text) + 1)]
    good = [(offset, where) for offset, where in places if where is not None]
    assert [where for _, where in good] == sorted(where for _, where in good)
    for start, new_start in good:
        for end, new_end in good:
            if start <= end:
                assert result.text[new_start:new_end] == expected_span(text, start, end)


@given(st.text(alphabet=st.characters(codec="utf-8", exclude_characters="\r\ufeff")))
def test_a_normalised_text_maps_every_offset_to_itself(text):
    """Text that is already NFC with LF line ends keeps every offset."""
    text = unicodedata.normalize("NFC", text)
    result = normalise(text)
    assert result.text == text and result.changes == []
    assert result.offsets.is_identity
    assert all(result.offsets(offset) == offset for offset in range(len(text) + 1))


def test_a_decomposed_alef_with_hamza_shifts_what_follows_by_one():
    """Alef + combining hamza above become one alef with hamza: later offsets move back by one,
    and the offset between the two characters has no place in the stored text."""
    text = "قال \u0627\u0654حمد إن الضرائب ستنخفض"
    result = normalise(text)
    assert result.text == "قال \u0623حمد إن الضرائب ستنخفض"
    start = text.index("الضرائب")
    assert result.text[result.offsets(start) :].startswith("الضرائب")
    assert result.offsets(start) == start - 1
    assert result.offsets(4) == 4
    with pytest.raises(OffsetInside, match="offset 5 falls inside characters 4:6"):
        result.offsets(5)


def test_line_ends_and_bom_are_mapped():
    """CRLF becomes LF and a leading BOM goes: offsets after them move back."""
    text = "\ufeffone\r\ntwo\rthree"
    result = normalise(text)
    assert result.text == "one\ntwo\nthree"
    assert [result.offsets(n) for n in (0, 1, 4, 6, 9, 10)] == [0, 0, 3, 4, 7, 8]
    with pytest.raises(OffsetInside):
        result.offsets(5)
    assert result.changes == [
        "removed the UTF-8 byte order mark",
        "converted 1 CRLF line endings to LF",
        "converted 1 CR line endings to LF",
    ]


def test_decode_records_the_changes_normalise_makes():
    """Importing a file goes through the same normalisation as the offset map."""
    data = "\ufeffa\r\n\u0627\u0654".encode()
    decoded = decode(data, "x.txt")
    result = normalise(data.decode("utf-8"))
    assert decoded.text == result.text == "a\n\u0623"
    assert decoded.changes == result.changes
    assert decoded.changes[-1] == "applied NFC normalisation (4 to 3 code points)"


def test_a_quote_keeps_a_leading_zero_width_no_break_space():
    """``bom=False`` (a quote from inside a text) keeps a leading U+FEFF, which only starts
    a file as a byte order mark."""
    assert normalise("\ufeffa\u0301", bom=False).text == "\ufeff\u00e1"
    assert normalise("\ufeffa\u0301").text == "\u00e1"
