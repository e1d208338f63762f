"""Run-aware drafts: only source-language runs are translated; the rest stays in place."""

from workbench.translation.engines.argos import ArgosEngine
from workbench.translation.runs import Piece, draft_segments, split_pieces

MIXED = "قال Putin في https://x.com/a إن 25 جنديا قتلوا. Stop the war now!"
ENGLISH_START = MIXED.index("Stop")
RUNS = [
    {"start": 0, "end": ENGLISH_START, "language": "ar", "script": "Arab"},
    {"start": ENGLISH_START, "end": len(MIXED), "language": "en", "script": "Latn"},
]


def test_pieces_cover_the_text_in_order():
    """Pieces concatenate back to the exact text, whatever the source language."""
    for source in ("ar", "en"):
        assert "".join(p.text for p in split_pieces(MIXED, RUNS, source=source)) == MIXED


def test_names_urls_numbers_and_other_runs_pass_through():
    """For ar→en, Latin names, URLs, numbers and the English run are not translated."""
    pieces = split_pieces(MIXED, RUNS, source="ar")
    translated = [p.text for p in pieces if p.translate]
    assert translated == ["قال", "في", "إن", "جنديا قتلوا."]
    kept = "".join(p.text for p in pieces if not p.translate)
    for token in ("Putin", "https://x.com/a", "25", "Stop the war now!"):
        assert token in kept


def test_latin_script_run_inside_arabic_passes_through():
    """A Latin run labelled with the surrounding language (a name) is kept as it is."""
    text = "وقال NATO اليوم"
    runs = [
        {"start": 0, "end": 5, "language": "ar", "script": "Arab"},
        {"start": 5, "end": 9, "language": "ar", "script": "Latn"},
        {"start": 9, "end": len(text), "language": "ar", "script": "Arab"},
    ]
    assert split_pieces(text, runs, source="ar") == [
        Piece("وقال", True),
        Piece(" NATO ", False),
        Piece("اليوم", True),
    ]


def test_mixed_segment_keeps_english_runs_unchanged(installed):
    """Drafting a mixed segment to English changes the Arabic and keeps the English run."""
    engine = ArgosEngine()
    draft = draft_segments([(MIXED, RUNS)], source="ar", target="en", engine=engine)[0]
    assert draft.text.endswith(" Stop the war now!")
    assert "Putin" in draft.text and "https://x.com/a" in draft.text and " 25 " in draft.text
    assert "قال" not in draft.text
    assert draft.route is not None and draft.route.package_code == "translate-ar_en"
    assert draft.translated_pieces == 4


def test_all_pieces_of_all_segments_go_in_one_batch(installed):
    """Several segments cost one engine call; a segment with nothing to translate is unchanged."""
    engine = ArgosEngine()
    items = [(MIXED, RUNS), ("Only English here.", None), ("الثورة السورية", None)]
    drafts = draft_segments(items, source="ar", target="en", engine=engine)
    assert engine.calls == 1
    assert len(drafts) == 3
    assert drafts[1].route is None and drafts[1].text == "Only English here."
    assert drafts[2].route is not None


def test_english_to_arabic_keeps_arabic_runs(installed):
    """The same works the other way round: en→ar keeps the Arabic run untouched."""
    engine = ArgosEngine()
    draft = draft_segments([(MIXED, RUNS)], source="en", target="ar", engine=engine)[0]
    assert draft.text.startswith(MIXED[:ENGLISH_START])
    assert "Stop the war now!" not in draft.text


def test_chinese_segment_has_something_to_translate():
    """A segment detected as zh-cn (Han script) yields its text to translate."""
    text = "工人们在港口罢工。"
    runs = [{"start": 0, "end": len(text), "language": "zh-cn", "script": "Hani"}]
    assert [p.text for p in split_pieces(text, runs, source="zh-cn") if p.translate] == [
        "工人们在港口罢工。"
    ]


def test_addresses_pass_through_in_every_language():
    """URLs, bare domains, e-mail addresses, handles and hashtags are never translated, the
    same ones that language detection leaves out."""
    text = "Read example.org or www.example.org/a, write to me@example.org, follow @wb #strike now"
    pieces = split_pieces(text, None, source="en")
    kept = "".join(p.text for p in pieces if not p.translate)
    for token in ("example.org", "www.example.org/a", "me@example.org", "@wb", "#strike"):
        assert token in kept
    assert [p.text for p in pieces if p.translate] == [
        "Read",
        "or",
        "write to",
        "follow",
        "now",
    ]
