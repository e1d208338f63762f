"""Offsets are code points: property tests of the span checks, and an API round trip."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.factories import make_document
from workbench.annotation.validation import check_offsets, check_quote
from workbench.common.errors import WorkbenchError

# Letters, markup, harakat (fatha, damma, shadda, sukun) and emoji with a skin tone.
ALPHABET = st.sampled_from(
    [*"abc <>&\"'\n", "ب", "\u064e", "\u064f", "\u0651", "\u0652", "👍", "🏽", "👩"]
)


@given(text=st.text(ALPHABET, max_size=40), start=st.integers(-3, 45), end=st.integers(-3, 45))
def test_offsets_accept_exactly_the_valid_ranges(text, start, end):
    """check_offsets passes iff 0 <= start < end <= len(text), whatever the characters."""
    valid = 0 <= start < end <= len(text)
    try:
        check_offsets(text, start, end)
    except WorkbenchError:
        assert not valid
    else:
        assert valid


@given(text=st.text(ALPHABET, min_size=1, max_size=40), data=st.data())
def test_quote_is_the_code_point_slice(text, data):
    """The slice text[start:end] is always a valid quote; dropping or adding a code point is not."""
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    check_quote(text, start, end, text[start:end])
    with pytest.raises(WorkbenchError):
        check_quote(text, start, end, text[start : end - 1])
    with pytest.raises(WorkbenchError):
        check_quote(text, start, end, text[start:end] + "x")


@pytest.mark.django_db
def test_api_round_trip_with_emoji_and_harakat(api, annotator, project, label_types):
    """Code-point offsets go in and come back unchanged through JSON.

    In "قالَ 👍🏽 <b>نعم</b>" the code points are ق ا ل َ (0-3), space (4), 👍 🏽 (5-6),
    space (7), then "<b>" (8-10), ن ع م (11-13) and "</b>" (14-17); "نعم" is 11:14.
    """
    document = make_document(project, "قالَ 👍🏽 <b>نعم</b>", name="round.txt")
    response = api(annotator).post(
        "/api/v1/annotations/",
        {
            "document": document.pk,
            "label_type": label_types["claim"].pk,
            "start": 11,
            "end": 14,
            "quote": "نعم",
            "attributes": {"checkworthy": "no"},
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["start"], body["end"], body["quote"]) == (11, 14, "نعم")
    assert document.text[body["start"] : body["end"]] == "نعم"
