"""Segmentation: invariants over arbitrary text, one example per rule, and the real seeds."""

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.corpus.segmentation import (
    CONTROL_CHARACTERS,
    KINDS,
    Span,
    control_characters,
    segment_text,
)

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
PARAGRAPH_BREAK = re.compile(r"\n[^\S\n]*\n")


def assert_invariants(text: str, spans: list[Span]) -> None:
    """Segments are ordered, disjoint, trimmed, non-empty, inside one paragraph, and only
    whitespace lies outside them."""
    previous_end = 0
    for span in spans:
        assert span.kind in KINDS
        assert previous_end <= span.start < span.end <= len(text)
        segment = text[span.start : span.end]
        assert not segment[0].isspace() and not segment[-1].isspace()
        assert not PARAGRAPH_BREAK.search(segment)
        gap = text[previous_end : span.start]
        assert gap == "" or gap.isspace()
        previous_end = span.end
    tail = text[previous_end:]
    assert tail == "" or tail.isspace()


def texts(text: str) -> list[tuple[str, str]]:
    return [(text[span.start : span.end], span.kind) for span in segment_text(text)]


def segments(text: str) -> list[str]:
    return [segment for segment, _ in texts(text)]


PIECES = [
    "The U.S. army left.",
    " Dr. Smith said “Go!” ",
    "Wait... What? ",
    "e.g. this, i.e. that. ",
    "No. 5 and J. K. Rowling. ",
    "هل أنت بخير؟ ",
    "نعم، أنا بخير؛ شكرا. ",
    "انتهى۔",
    "Latin inside عربي text. ",
    "😀🇸🇾 ",
    "\n",
    "\n\n",
    "\n \t\n",
    "\r",
    "    ",
    "- ",
    "• ",
    "1. ",
    "12) ",
    "# ",
    "**",
    "-----",
    '."',
    "…",
    "\u00a0",
    "\u3000",
    "\u2029",
    "\x1c",
    "。",
]
mixed_text = st.lists(
    st.one_of(
        st.sampled_from(PIECES),
        st.sampled_from(list(CONTROL_CHARACTERS)),
        st.text(max_size=4),
    ),
    max_size=40,
).map("".join)


@settings(max_examples=400, deadline=None)
@given(st.text())
def test_invariants_hold_for_any_unicode_text(text):
    """For arbitrary Unicode text the function returns without error and every invariant holds."""
    assert_invariants(text, segment_text(text))


@settings(max_examples=600, deadline=None)
@given(mixed_text)
def test_invariants_hold_for_mixed_documents(text):
    """Sentences, list markers, blank lines, Arabic, emoji and control characters, mixed at random,
    never break the invariants."""
    assert_invariants(text, segment_text(text))


@settings(max_examples=200, deadline=None)
@given(mixed_text)
def test_control_characters_always_stay_inside_segments(text):
    """Every zero-width or bidi control character lies inside exactly one segment."""
    spans = segment_text(text)
    for index, char in enumerate(text):
        if char in CONTROL_CHARACTERS:
            assert sum(span.start <= index < span.end for span in spans) == 1


def test_control_characters_are_not_whitespace():
    """No character the segmenter keeps as a control character is treated as whitespace."""
    assert not any(char.isspace() for char in CONTROL_CHARACTERS)


def test_empty_and_blank_text_give_no_segments():
    """Empty or whitespace-only text has no segments."""
    assert segment_text("") == []
    assert segment_text(" \n\n\t\r\n ") == []


def test_offsets_index_the_original_text():
    """``text[start:end]`` is the segment, with emoji and combining marks counted as code points."""
    text = "  😀 Café\u0301 opened.  Then 🇸🇾 closed.\n"
    spans = segment_text(text)
    assert [text[s.start : s.end] for s in spans] == ["😀 Café\u0301 opened.", "Then 🇸🇾 closed."]
    assert spans[0].start == 2


def test_paragraphs_split_at_blank_lines():
    """A blank line, even one holding spaces, always ends a segment."""
    assert segments("One thought\n  \nand another") == ["One thought", "and another"]


def test_hard_wrapped_lines_join_into_sentences():
    """Lines of a hard-wrapped paragraph join; the sentence ends where its full stop is."""
    text = (
        "    At the same time, the issue of whether the election was stolen will\n"
        "    remain relevant, both to our understanding of the situation and to\n"
        "    U.S.-Iranian relations. It is therefore worth a look.\n"
    )
    assert segments(text) == [
        "At the same time, the issue of whether the election was stolen will\n"
        "    remain relevant, both to our understanding of the situation and to\n"
        "    U.S.-Iranian relations.",
        "It is therefore worth a look.",
    ]


def test_short_lines_of_a_title_block_stay_apart():
    """Short lines that do not continue each other (a masthead, an address) are one segment each;
    a line starting in lower case continues the one before it."""
    text = (
        "#14 - March 2022\nFacebook: Haqeqa Al Maqhoureen\nhaqeqa-almaqhoureen.blogspot.com\n\n"
        "Paper of the socialists of Syria\nand the whole Middle East"
    )
    assert segments(text) == [
        "#14 - March 2022",
        "Facebook: Haqeqa Al Maqhoureen",
        "haqeqa-almaqhoureen.blogspot.com",
        "Paper of the socialists of Syria\nand the whole Middle East",
    ]


def test_abbreviations_do_not_end_sentences():
    """Titles, dotted acronyms, initials, months, ``No.`` before a number and decimals never end a
    sentence; ``etc.`` does before a capital."""
    text = (
        "Dr. Smith met Mr. Jones in the U.S. on Jan. 5. They spoke of e.g. J. K. Rowling, "
        "i.e. fiction, and of No. 5 St. James. Prices rose 1.2 percent. We saw Kiev, Lviv, "
        "etc. Then we left."
    )
    assert segments(text) == [
        "Dr. Smith met Mr. Jones in the U.S. on Jan. 5.",
        "They spoke of e.g. J. K. Rowling, i.e. fiction, and of No. 5 St. James.",
        "Prices rose 1.2 percent.",
        "We saw Kiev, Lviv, etc.",
        "Then we left.",
    ]


def test_sentence_ending_inside_quotes_ends_after_the_quote():
    """Closing quotes, guillemets and emphasis marks after the final punctuation belong to the
    sentence."""
    text = (
        'He said "Stop!" Then he left. She asked “Why?” Nobody knew. «Vraiment?» Oui. **Go.** Now.'
    )
    assert segments(text) == [
        'He said "Stop!"',
        "Then he left.",
        "She asked “Why?”",
        "Nobody knew.",
        "«Vraiment?»",
        "Oui.",
        "**Go.**",
        "Now.",
    ]


def test_question_or_exclamation_followed_by_lower_case_continues():
    """A ``?`` or ``!`` followed by a lower-case word does not end the sentence."""
    assert segments("Was it stolen? asked the man. Yes!") == [
        "Was it stolen? asked the man.",
        "Yes!",
    ]


def test_ellipsis_ends_a_sentence_only_before_a_capital():
    """An ellipsis before a capital ends the sentence; before a lower-case word it does not."""
    assert segments("Wait... What? Really… yes. Yesterday it was Syria... Today Ukraine...") == [
        "Wait...",
        "What?",
        "Really… yes.",
        "Yesterday it was Syria...",
        "Today Ukraine...",
    ]


def test_trailing_symbols_stay_with_the_last_sentence():
    """Punctuation or an end mark after a full stop (``. . .``, ``•``) is not a sentence."""
    assert segments("The end. •\n\nHe paused. . . and went on.") == [
        "The end. •",
        "He paused. . . and went on.",
    ]


def test_arabic_sentence_punctuation():
    """Arabic sentences end at ``؟``, ``.``, ``!`` and ``۔``; the Arabic comma ``،`` and semicolon
    ``؛`` do not end a segment, and Latin words inside Arabic sentences stay in them."""
    text = "هل أنت بخير؟ نعم، أنا بخير؛ شكرا. وهذا مع كلمة English داخل النص! انتهى۔ تمام"
    assert segments(text) == [
        "هل أنت بخير؟",
        "نعم، أنا بخير؛ شكرا.",
        "وهذا مع كلمة English داخل النص!",
        "انتهى۔",
        "تمام",
    ]


def test_bidi_marks_after_a_full_stop_stay_with_the_sentence():
    """A right-to-left mark after the final punctuation ends up in that sentence, not the next."""
    assert segments("مرحبا.\u200f كيف حالك؟\u200f بخير") == [
        "مرحبا.\u200f",
        "كيف حالك؟\u200f",
        "بخير",
    ]


def test_headings_are_segments_of_their_own():
    """Markdown headings, bold lines, short unpunctuated lines and Title Case headlines are
    headings; a short line with a final full stop is a sentence."""
    text = (
        "# Overview\nText follows here.\n\n**Stop the war!**\n\nKazakhstan:\n\n"
        "IMT Statement: Down with Hypocrisy! Defend Gaza!\n\nWe say: no to war!\n\nThe army left."
    )
    assert texts(text) == [
        ("# Overview", "heading"),
        ("Text follows here.", "sentence"),
        ("**Stop the war!**", "heading"),
        ("Kazakhstan:", "heading"),
        ("IMT Statement: Down with Hypocrisy! Defend Gaza!", "heading"),
        ("We say: no to war!", "sentence"),
        ("The army left.", "sentence"),
    ]


def test_a_bold_paragraph_gives_one_heading_per_line():
    """A paragraph wrapped in ``**`` as a whole yields one heading per line."""
    assert texts("**Stop the massacre!\nStop the NATO war machine!**") == [
        ("**Stop the massacre!", "heading"),
        ("Stop the NATO war machine!**", "heading"),
    ]


def test_bullet_lines_never_merge():
    """Each bullet line is its own segment, even without final punctuation; an indented
    continuation line belongs to its item."""
    text = (
        "Demands:\n  • condemning repression\n  • releasing prisoners\n    and unionists\n"
        "- one\n* two"
    )
    assert texts(text) == [
        ("Demands:", "heading"),
        ("• condemning repression", "bullet"),
        ("• releasing prisoners\n    and unionists", "bullet"),
        ("- one", "bullet"),
        ("* two", "bullet"),
    ]


def test_numbered_lines_never_merge_and_keep_their_number():
    """Each numbered line is a segment; the marker ``1.`` is not a sentence end; further sentences
    of a long item are split off as sentences."""
    text = (
        "1. Juan Perez (27), 25 years.\n2. Asley Cabrera (39), 25 years\n"
        "12) Twelve. More text.\n(3) Three"
    )
    assert texts(text) == [
        ("1. Juan Perez (27), 25 years.", "numbered"),
        ("2. Asley Cabrera (39), 25 years", "numbered"),
        ("12) Twelve.", "numbered"),
        ("More text.", "sentence"),
        ("(3) Three", "numbered"),
    ]


def test_a_lone_number_line_is_numbered():
    """A line holding only ``14.`` is a numbered segment."""
    assert texts("13. Duannis Dabel León Taboada (22), 21 years.\n14.") == [
        ("13. Duannis Dabel León Taboada (22), 21 years.", "numbered"),
        ("14.", "numbered"),
    ]


def test_indented_lines_inside_a_paragraph():
    """Lines indented deeper than the rest of their paragraph are segments of their own."""
    text = "Run this:\n    make run\n    make test\nThen open the browser."
    assert texts(text) == [
        ("Run this:", "heading"),
        ("make run", "indented"),
        ("make test", "indented"),
        ("Then open the browser.", "sentence"),
    ]


def test_separator_lines_are_rules():
    """A line of dashes is a ``rule`` segment and stops the lines around it from joining."""
    text = "    at washingtonpost.com on June 26, 2009.\n    ------------\n    Since the election"
    assert texts(text) == [
        ("at washingtonpost.com on June 26, 2009.", "sentence"),
        ("------------", "rule"),
        ("Since the election", "heading"),
    ]


def test_carriage_returns_are_whitespace():
    """A lone ``\\r`` counts as a space; it never crashes and never ends up at a segment's edge."""
    text = "One.\rTwo.\r\r\nThree\r\n\r\nFour\r"
    assert segments(text) == ["One.", "Two.", "Three", "Four"]
    assert_invariants(text, segment_text(text))


@pytest.mark.parametrize(
    "text",
    [
        "." * 200_000,
        ".x" * 100_000,
        "a. " * 70_000,
        '."' * 100_000,
        "- x\n" * 50_000,
        "a\n" * 100_000,
        "**" + "x. " * 70_000 + "**",
        "\u200f" * 200_000,
    ],
    ids=["dots", "dot-letter", "initials", "dot-quote", "bullets", "lines", "bold", "marks"],
)
def test_long_degenerate_inputs(text):
    """Long runs of punctuation, initials, markers or marks segment without error."""
    assert_invariants(text, segment_text(text))


def test_control_characters_are_named_in_order_of_appearance():
    """Each zero-width or bidi control character present is named once, first seen first."""
    text = "a\u200fb\u200b\u200f c\ufeff\u061c d\u2067x\u2069"
    assert control_characters(text) == [
        "U+200F RIGHT-TO-LEFT MARK",
        "U+200B ZERO WIDTH SPACE",
        "U+FEFF ZERO WIDTH NO-BREAK SPACE",
        "U+061C ARABIC LETTER MARK",
        "U+2067 RIGHT-TO-LEFT ISOLATE",
        "U+2069 POP DIRECTIONAL ISOLATE",
    ]
    assert control_characters("plain text") == []


SEED_FILES = sorted(SEEDS.glob("*.txt"))


@pytest.mark.parametrize("path", SEED_FILES, ids=[path.name[:3] for path in SEED_FILES])
def test_seed_documents_keep_the_invariants(path):
    """Every seed document segments into spans that keep all invariants."""
    text = path.read_text(encoding="utf-8")
    spans = segment_text(text)
    assert spans
    assert_invariants(text, spans)


def seed_segments(prefix: str) -> list[tuple[str, str]]:
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return texts(path.read_text(encoding="utf-8"))


def test_seed_segments_checked_by_hand():
    """A few segments of the seeds, read and checked by hand."""
    bahrain = seed_segments("000")
    assert bahrain[0] == (
        "Repression in Bahrain – reactionary monarchies of the Gulf unmasked",
        "heading",
    )
    assert ("Naked repression", "heading") in bahrain

    iran = seed_segments("002")
    assert ("• Permalink", "bullet") in iran
    assert ("Mr. Daboodi has\n    worked in elections for the past 16 years.", "sentence") in iran
    assert ("-" * 80, "rule") in iran
    assert (
        "1) A division in the ruling elite has opened up the way for an explosion of discontent "
        "with the reactionary clerical capitalist regime in Iran.",
        "numbered",
    ) in iran

    headlines = seed_segments("003")
    assert ("IMT Statement: Down with Hypocrisy! Defend Gaza!", "heading") in headlines
    assert ("Palestine Socialist Appeal", "heading") in headlines

    newsletter = seed_segments("004")
    assert newsletter[0] == ("حقيقة المقهورين", "heading")
    assert ("صحيفة من العمال والمظلومين العرب", "heading") in newsletter
    assert ("1. Juan Emilio Perez Estrada (27), 25 years deprived of freedom.", "numbered") in (
        newsletter
    )
    assert (
        "The response of Putin was to negotiate to keep on playing his role of gendarme inside "
        "Ukraine, as in Syria, Belarus, Kazakhstan, Caucasus, etc.",
        "sentence",
    ) in newsletter
    assert (
        "A nightly curfew that lasts from 11:00 p.m. to 5:00 a.m. still today leaves the streets "
        "of Donbass deserted.",
        "sentence",
    ) in newsletter
    assert (
        "With his indiscriminate bombings, they left hundreds of thousands of dead and millions of "
        "refugees in a partitioned Syria, as today is suffered by the",
        "sentence",
    ) in newsletter


def test_a_line_ending_in_emoji_is_its_own_segment():
    """A long line ending in emoji (a caption, a post) never takes in the next line, whatever
    follows: a capital, a lower-case word, skin tones or a variation selector."""
    caption = "نُشِرَ هذا التقرير في الصباح الباكر من يوم الاثنين في العاصمة 💧🌍"
    following = "According to the ministry, the water network was hit."
    assert texts(f"{caption}\n{following}") == [(caption, "sentence"), (following, "sentence")]
    short = "نُشِرَ هذا التقرير في الصباح 💧🌍"
    assert [text for text, _ in texts(f"{short}\n{following}")] == [short, following]
    post = "Great day at the rally with everyone who came along today 👍🏽"
    assert [text for text, _ in texts(f"{post}\nthe crowd was huge")] == [
        post,
        "the crowd was huge",
    ]
    flag = "Celebrations went on in the square until late at night ❤️"
    assert len(texts(f"{flag}\nPolice said nobody was hurt.")) == 2


def test_a_long_line_does_not_join_a_line_in_the_other_direction():
    """Length alone joins hard-wrapped prose, but not an Arabic line and a line that starts in
    Latin letters (or the reverse); a lower-case start or a trailing comma still joins."""
    arabic = "قال المتحدث باسم وزارة الصحة إن المنظمة لم ترسل أي شحنات منذ أسبوعين"
    assert len(texts(f"{arabic}\nThe ministry denied it.")) == 2
    english = "The ministry said that the organisation has not sent any supplies for weeks"
    assert len(texts(f"{english}\nوقالت الوزارة إن ذلك غير صحيح.")) == 2
    wrapped = "The ministry said that the organisation has not sent any supplies for two"
    assert len(texts(f"{wrapped}\nweeks, and denied it.")) == 1
    assert len(texts("قال المتحدث باسم الوزارة،\nThe ministry denied it.")) == 1
