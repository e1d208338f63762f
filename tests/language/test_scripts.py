"""Script classification and script runs: coverage, offsets and the handling of neutral text."""

from itertools import pairwise

from hypothesis import given
from hypothesis import strategies as st

from workbench.language.scripts import char_script, has_letters, script_runs


def spans(text: str) -> list[tuple[str, str]]:
    return [(run.script, text[run.start : run.end]) for run in script_runs(text)]


def assert_cover(text: str) -> None:
    runs = script_runs(text)
    if not text:
        assert runs == []
        return
    assert runs[0].start == 0
    assert runs[-1].end == len(text)
    for before, after in pairwise(runs):
        assert before.end == after.start
    assert all(run.start < run.end for run in runs)


def test_letters_are_classified_by_script():
    """Arabic (incl. Supplement, Extended and Presentation Forms), Latin with accents and
    other scripts get their ISO 15924 code."""
    assert char_script("ب") == "Arab"
    assert char_script("ݐ") == "Arab"  # Arabic Supplement
    assert char_script("ࢠ") == "Arab"  # Arabic Extended-A
    assert char_script("ﻻ") == "Arab"  # Presentation Forms-B
    assert char_script("ﭖ") == "Arab"  # Presentation Forms-A
    assert char_script("پ") == "Arab"
    assert char_script("é") == "Latn"
    assert char_script("ñ") == "Latn"
    assert char_script("ж") == "Cyrl"
    assert char_script("α") == "Grek"
    assert char_script("א") == "Hebr"
    assert char_script("中") == "Hani"


def test_non_letters_are_neutral_and_marks_inherit():
    """Whitespace, punctuation, digits (Arabic-Indic too), emoji, symbols, zero-width and bidi
    controls are neutral; harakat are combining marks."""
    for ch in [
        " ",
        "\t",
        ".",
        "،",
        "؟",
        "1",
        "٣",
        "😂",
        "€",
        "\u200c",
        "\u200d",
        "\u200f",
        "\u202b",
    ]:
        assert char_script(ch) == "Zyyy", repr(ch)
    assert char_script("\u064e") == "Zinh"  # fatha
    assert char_script("\u0301") == "Zinh"  # combining acute


def test_tatweel_counts_as_arabic():
    """The tatweel is a Common letter used by Arabic: it belongs to Arabic runs."""
    assert char_script("\u0640") == "Arab"
    assert spans("كـــبير") == [("Arab", "كـــبير")]


def test_mixed_text_splits_at_whitespace_between_scripts():
    """Punctuation and spaces before a script change stay with the run before; an opening
    quote goes with the run after it."""
    text = "The banner read «الشعب يريد» above."
    assert spans(text) == [
        ("Latn", "The banner read "),
        ("Arab", "«الشعب يريد» "),
        ("Latn", "above."),
    ]


def test_text_without_letters_is_one_neutral_run():
    """Digits, punctuation and emoji only: one Zyyy run; empty text: no runs."""
    assert spans("1979 – 2009") == [("Zyyy", "1979 – 2009")]
    assert spans("😂 😂 😂") == [("Zyyy", "😂 😂 😂")]
    assert script_runs("") == []
    assert not has_letters("----")
    assert has_letters("-a-")


def test_offsets_are_code_points_with_emoji_harakat_and_controls():
    """Emoji outside the BMP, harakat, ZWJ/ZWNJ and U+200F never shift run offsets."""
    text = "😂 \u200fكَتَبَ\u200c الولد 👍🏽 and wrote"
    runs = script_runs(text)
    assert_cover(text)
    assert [run.script for run in runs] == ["Arab", "Latn"]
    arabic, latin = runs
    assert text[arabic.start : arabic.end] == "😂 \u200fكَتَبَ\u200c الولد 👍🏽 "
    assert text[latin.start : latin.end] == "and wrote"
    assert arabic.letters == 8
    assert latin.letters == 8


def test_zero_width_non_joiner_stays_inside_a_persian_word():
    """A ZWNJ between two Arabic-script letters does not split the run."""
    text = "کارخانه\u200cهای"
    assert spans(text) == [("Arab", text)]


def test_japanese_kana_and_kanji_form_one_run():
    """Han, hiragana and katakana alternate inside Japanese: one run with script Jpan."""
    assert spans("日本語のテキスト") == [("Jpan", "日本語のテキスト")]


@given(st.text())
def test_runs_cover_any_text_without_gaps_or_overlaps(text):
    """For arbitrary text the runs tile it exactly and each run is non-empty."""
    assert_cover(text)


@given(st.text(alphabet=st.characters(codec="utf-8"), min_size=1))
def test_letter_counts_add_up(text):
    """The runs' letter counts add up to the letters in the text, and a run without letters
    only exists when the text has none."""
    runs = script_runs(text)
    letters = sum(1 for ch in text if char_script(ch) not in ("Zyyy", "Zinh"))
    assert sum(run.letters for run in runs) == letters
    if letters:
        assert all(run.letters > 0 and run.script != "Zyyy" for run in runs)
    else:
        assert [run.script for run in runs] == ["Zyyy"]
