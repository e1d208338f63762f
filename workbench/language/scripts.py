"""Unicode script analysis: classify characters by script and split text into script runs.

Letters are classified by their Unicode ``Script`` property (ISO 15924 codes such as ``Arab``
and ``Latn``). Everything that is not a letter - whitespace, punctuation, digits, emoji,
symbols, zero-width joiners and bidi controls - is neutral and joins a neighbouring run.
Combining marks (Arabic harakat, Latin accents written as combining characters) take the
script of the letter they follow.

``unicodedata`` gives the general category but has no Script property, so the script of a
letter comes from the ``regex`` package, which implements ``\\p{Script=...}`` and
``\\p{Script_Extensions=...}`` from the Unicode data it ships.
"""

from dataclasses import dataclass
from unicodedata import category

import regex

NEUTRAL = "Zyyy"
"""ISO 15924 code for text with no letters (Common)."""

INHERITED = "Zinh"
"""ISO 15924 code for combining marks, which inherit the script of the preceding letter."""

UNKNOWN = "Zzzz"
"""ISO 15924 code for letters of a script this module does not name."""

# Scripts named individually, most frequent first. Anything else is reported as ``Zzzz``.
_SCRIPTS = (
    "Latn",
    "Arab",
    "Cyrl",
    "Grek",
    "Hebr",
    "Hani",
    "Hira",
    "Kana",
    "Hang",
    "Deva",
    "Beng",
    "Guru",
    "Gujr",
    "Orya",
    "Taml",
    "Telu",
    "Knda",
    "Mlym",
    "Sinh",
    "Thai",
    "Laoo",
    "Tibt",
    "Mymr",
    "Khmr",
    "Armn",
    "Geor",
    "Ethi",
    "Syrc",
    "Thaa",
    "Nkoo",
    "Tfng",
    "Mong",
    "Bopo",
    "Cher",
    "Cans",
    "Yiii",
    "Adlm",
    "Rohg",
)
_SCRIPT_RE = regex.compile("|".join(f"(?P<{code}>\\p{{sc={code}}})" for code in _SCRIPTS))
_SCRIPT_EXT_RE = regex.compile("|".join(f"(?P<{code}>\\p{{scx={code}}})" for code in _SCRIPTS))

# Han, kana and bopomofo alternate inside one Japanese or Chinese sentence: one run.
_RUN_GROUP = {"Hira": "Hani", "Kana": "Hani", "Bopo": "Hani"}

_cache: dict[str, str] = {}


def _classify(ch: str) -> str:
    cat = category(ch)
    if cat[0] == "M":
        return INHERITED
    if cat[0] != "L":
        return NEUTRAL
    match = _SCRIPT_RE.match(ch)
    if match is None:
        # Letters of the Common script (e.g. the Arabic tatweel) belong to the scripts that
        # use them; take the first of those this module names.
        match = _SCRIPT_EXT_RE.match(ch)
    return match.lastgroup if match is not None else UNKNOWN


def char_script(ch: str) -> str:
    """ISO 15924 script of one character.

    Letters give their script (``Arab``, ``Latn``, ``Cyrl``, ... or ``Zzzz``), combining marks
    give ``Zinh`` and every other character (whitespace, punctuation, digits, symbols, emoji,
    format and bidi controls) gives ``Zyyy``.
    """
    script = _cache.get(ch)
    if script is None:
        script = _cache[ch] = _classify(ch)
    return script


def is_letter(ch: str) -> bool:
    """Whether ``ch`` is a letter (a character that carries a script)."""
    return char_script(ch) not in (NEUTRAL, INHERITED)


def has_letters(text: str) -> bool:
    """Whether ``text`` contains at least one letter."""
    get = _cache.get
    for ch in text:
        script = get(ch) or char_script(ch)
        if script != NEUTRAL and script != INHERITED:
            return True
    return False


@dataclass(frozen=True, slots=True)
class ScriptRun:
    """A stretch ``text[start:end]`` written in one script.

    ``letters`` counts the letters in the run (0 only for a text without letters, whose single
    run has script ``Zyyy``).
    """

    start: int
    end: int
    script: str
    letters: int


def _letter_spans(text: str) -> list[list]:
    """Maximal spans ``[start, end, group, letters, scripts]`` of same-script letters.

    Neutral characters between letters of the same script stay inside the span; marks extend
    the span they follow.
    """
    spans: list[list] = []
    get = _cache.get
    current: list | None = None
    for index, ch in enumerate(text):
        script = get(ch) or char_script(ch)
        if script == NEUTRAL:
            continue
        if script == INHERITED:
            if current is not None and current[1] == index:
                current[1] = index + 1
            continue
        group = _RUN_GROUP.get(script, script)
        if current is not None and current[2] == group:
            current[1] = index + 1
            current[3] += 1
            current[4].add(script)
        else:
            current = [index, index + 1, group, 1, {script}]
            spans.append(current)
    return spans


def _run_script(group: str, scripts: set[str]) -> str:
    if group == "Hani" and scripts & {"Hira", "Kana"}:
        return "Jpan"
    return group


def _split_gap(text: str, start: int, end: int) -> int:
    """Where the neutral gap ``text[start:end]`` between two runs is divided.

    The gap is divided after its last whitespace character, so a closing quote or colon stays
    with the run before it and an opening quote or bracket goes with the run after it. A gap
    without whitespace stays with the run before it.
    """
    for index in range(end - 1, start - 1, -1):
        if text[index].isspace():
            return index + 1
    return end


def script_runs(text: str) -> list[ScriptRun]:
    """Split ``text`` into script runs that cover it without gaps or overlaps.

    Each run holds letters of one script together with the neutral characters around them:
    leading neutral characters join the first run, trailing ones the last run, and a neutral
    gap between runs of different scripts is divided after its last whitespace. A text with no
    letters is one ``Zyyy`` run; an empty text has no runs.
    """
    if not text:
        return []
    spans = _letter_spans(text)
    if not spans:
        return [ScriptRun(0, len(text), NEUTRAL, 0)]
    runs: list[ScriptRun] = []
    start = 0
    for position, (_, span_end, group, letters, scripts) in enumerate(spans):
        if position + 1 < len(spans):
            end = _split_gap(text, span_end, spans[position + 1][0])
        else:
            end = len(text)
        runs.append(ScriptRun(start, end, _run_script(group, scripts), letters))
        start = end
    return runs
