"""Split a document's text into paragraphs, lines and sentences, as trimmed code-point spans.

Rules, in the order they apply:

* **Paragraphs** are separated by blank lines (lines holding only whitespace). Only ``\\n``
  separates lines; ``\\r`` and the other whitespace characters count as spaces. Zero-width and bidi
  control characters (U+200B..U+200F, U+202A..U+202E, U+2066..U+2069, U+FEFF, U+061C) are not
  whitespace: they always end up inside a segment.
* **Structural lines** are units of their own and never merge with a neighbouring line: markdown
  headings (``# Title``), lines wholly in ``**bold**`` (every line of a paragraph that is bold as a
  whole), separator lines (``-----``), bullet lines (``-``, ``*``, ``+``, ``•`` ...) and numbered
  lines (``1.``, ``12)``, ``(3)``). A bullet or numbered item keeps the lines that continue it
  (indented deeper, or starting in lower case).
* **Indented lines** (deeper than the least indented line of their paragraph, except a paragraph's
  indented first line) are units of their own, one per line. A paragraph indented as a whole
  (common in pasted web text) is segmented like any other.
* **Wrapped lines** join the line before them when that line is long (a hard-wrapped paragraph),
  ends in a comma, dash or function word, or when they start in lower case. Other lines stay
  apart: a title block such as ``Name\\nRole\\nPlace`` gives one segment per line. Two lines never
  join when the first ends in an emoji (``... في الصباح 💧🌍``: a post or a caption ends there),
  nor, by length or function word alone, when the second starts in the other direction (an
  Arabic line, then a line starting with a Latin letter, or the reverse): a hard-wrapped
  paragraph does not change script at its line ends.
* **Sentences** end at ``.`` ``!`` ``?`` ``…`` ``؟`` ``۔`` (``。！？`` without a following space),
  together with closing quotes, brackets, markdown emphasis and invisible marks that follow
  (``.”``, ``!"``, ``?»``, ``.**``), when whitespace comes next and the next word starts with a
  capital, a caseless letter (Arabic), a digit or a currency sign. Abbreviations never end a
  sentence (``Mr.``, ``Dr.``, ``St.``, ``Jan.``, dotted acronyms like ``U.S.``/``e.g.``/``i.e.``,
  single-letter initials like ``J. K.``; ``No.``, ``p.``, ``Vol.`` ... only before a number);
  ``etc.`` does, before a capital. Decimals (``1.2``) never split because no space follows. An
  ellipsis ends a sentence when a capital follows.
* The Arabic comma ``،`` and the Arabic semicolon ``؛`` do not end a segment; like ``;`` they join
  clauses of one sentence.
* A unit of one line that is short and has no final punctuation (a colon only after a label of a
  few words, as in ``Ukraine and Syria:``), or is in Title Case and ends in ``!``/``?``, is a
  heading; a line that ends in an emoji never is.

Each :class:`Span` has one of the :data:`KINDS`. The first segment of a bullet, numbered or
indented unit carries that kind; further sentences split from the same unit are ``sentence``.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

import regex

from workbench.language.direction import text_direction

KINDS: tuple[str, ...] = ("heading", "bullet", "numbered", "indented", "rule", "sentence")
"""Every value :attr:`Span.kind` can take."""

CONTROL_CHARACTERS = (
    "\u061c"
    "\u200b\u200c\u200d\u200e\u200f"
    "\u202a\u202b\u202c\u202d\u202e"
    "\u2060"
    "\u2066\u2067\u2068\u2069"
    "\ufeff"
)
"""Zero-width and bidi control characters: kept in the text, flagged on segments."""

_CONTROL_RE = re.compile(f"[{CONTROL_CHARACTERS}]")

# Closing marks that belong to the sentence before them, opening marks to the one after them.
_CLOSERS = "\"'”’»›)\\]}*_」』" + CONTROL_CHARACTERS
_OPENERS = "\"'“‘„«‹(\\[{*_¿¡「『" + CONTROL_CHARACTERS
_TERMINALS = ".!?‼⁇⁈⁉…؟۔।॥"
# A terminal run with its closers, followed by whitespace or the end of the unit; the lookbehind and
# the possessive quantifiers keep the scan linear on long runs of punctuation.
_SENTENCE_END = re.compile(
    f"(?<![{_TERMINALS}])[{_TERMINALS}]++[{_CLOSERS}]*+(?=\\s|\\Z)|[。！？]++[{_CLOSERS}]*+"
)
# Besides letters and digits, what a new sentence may start with. Anything else after a full stop
# (``. . .``, ``?,``, a trailing ``•``) stays with the sentence before it.
_SENTENCE_STARTS = frozenset("$€£¥#@")

_TITLES = frozenset(
    (
        "Mr Mrs Ms Mx Dr Prof St Mt Ft Gen Col Lt Sgt Capt Cmdr Adm Maj Rev Hon Gov Sen Rep Pres "
        "Supt Messrs Mme Mlle Mgr Fr Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec "
        "vs cf al approx ca viz"
    ).split()
)
_BEFORE_NUMBER = frozenset("no nos nr vol vols p pp art arts fig figs ch sec para".split())
_DOTTED = re.compile(r"(?:[^\W\d_]\.)*[^\W\d_]")

_MD_HEADING = re.compile(r"#{1,6}(?:\s|$)")
_BULLET = re.compile(r"[-*+•◦▪‣●–](?:\s|$)")
_NUMBERED = re.compile(r"\(?\d{1,4}[.)](?:\s|$)")
_RULE_CHARS = frozenset("-_*=~–—•·.#+ \t")
_LINK = re.compile(r"\S*(?:@|://|www\.|\.[a-z]{2,}\b)")
_FUNCTION_WORDS = frozenset(
    "a an the of to in for by and or with on at from as into than that".split()
)
_CONTINUES_AFTER = frozenset(",;-‐–—(/&،؛")
# A line's last character is an emoji: a pictograph, with any skin tone, variation selector,
# keycap, tag or joiner after it, and any closing marks.
_ENDS_IN_EMOJI = regex.compile(
    r"\p{Extended_Pictographic}[\p{Emoji_Modifier}\ufe0e\ufe0f\u20e3\u200d\U000e0020-\U000e007f]*"
    r"[\p{Pe}\p{Pf}\"'»]*\Z"
)
_WRAP_MIN = 50
_HEADING_MAX = 100
_TITLE_MAX = 150
_LABEL_WORDS = 5


@dataclass(frozen=True)
class Span:
    """One segment: ``text[start:end]``, trimmed, with one of :data:`KINDS`."""

    start: int
    end: int
    kind: str


@dataclass
class _Unit:
    start: int
    end: int
    kind: str
    split: bool = True
    indent: int = 0
    lines: int = 1


def segment_text(text: str) -> list[Span]:
    """Split ``text`` into ordered, non-overlapping, trimmed segments.

    Segments never cross a blank line, and together with the whitespace between them they cover
    the whole text. See the module docstring for the rules.
    """
    spans: list[Span] = []
    paragraph: list[tuple[int, int, int]] = []
    position = 0
    for line in text.split("\n"):
        content = line.strip()
        if content:
            leading = len(line) - len(line.lstrip())
            start = position + leading
            indent = len(line[:leading].expandtabs(4))
            paragraph.append((start, start + len(content), indent))
        elif paragraph:
            spans.extend(_segment_paragraph(text, paragraph))
            paragraph = []
        position += len(line) + 1
    if paragraph:
        spans.extend(_segment_paragraph(text, paragraph))
    return spans


def control_characters(text: str) -> list[str]:
    """Name the zero-width and bidi control characters in ``text``, in order of first appearance.

    Each name reads like ``"U+200F RIGHT-TO-LEFT MARK"``.
    """
    found = dict.fromkeys(_CONTROL_RE.findall(text))
    return [f"U+{ord(char):04X} {unicodedata.name(char)}" for char in found]


def _segment_paragraph(text: str, lines: list[tuple[int, int, int]]) -> list[Span]:
    """Group a paragraph's lines into units, then split each unit into segments."""
    units = _units(text, lines)
    spans: list[Span] = []
    for unit in units:
        if not unit.split:
            spans.append(Span(unit.start, unit.end, unit.kind))
            continue
        marker = _NUMBERED.match(text, unit.start, unit.end) if unit.kind == "numbered" else None
        sentences = _sentences(text, unit.start, unit.end, marker.end() if marker else unit.start)
        single_line = unit.kind == "sentence" and unit.lines == 1
        if single_line and _is_heading(text[unit.start : unit.end], len(sentences) == 1):
            spans.append(Span(unit.start, unit.end, "heading"))
            continue
        for number, (start, end) in enumerate(sentences):
            spans.append(Span(start, end, unit.kind if number == 0 else "sentence"))
    return spans


def _units(text: str, lines: list[tuple[int, int, int]]) -> list[_Unit]:
    """Decide which lines of a paragraph stand alone and which join the line before them."""
    first_start, last_end = lines[0][0], lines[-1][1]
    bold_paragraph = _is_bold(text[first_start:last_end])
    base_indent = min(indent for _, _, indent in lines)
    units: list[_Unit] = []
    current: _Unit | None = None
    previous = ""
    for number, (start, end, indent) in enumerate(lines):
        content = text[start:end]
        if bold_paragraph or _is_bold(content):
            short = len(content) <= _TITLE_MAX
            units.append(_Unit(start, end, "heading" if short else "sentence", split=not short))
            current = None
        elif _MD_HEADING.match(content):
            units.append(_Unit(start, end, "heading", split=False))
            current = None
        elif len(content) >= 3 and _RULE_CHARS.issuperset(content):
            units.append(_Unit(start, end, "rule", split=False))
            current = None
        elif _BULLET.match(content) or _NUMBERED.match(content):
            kind = "bullet" if _BULLET.match(content) else "numbered"
            current = _Unit(start, end, kind, indent=indent)
            units.append(current)
        elif current is not None and _joins(current, previous, content, indent):
            current.end = end
            current.lines += 1
        elif number > 0 and indent > base_indent:
            units.append(_Unit(start, end, "indented"))
            current = None
        else:
            current = _Unit(start, end, "sentence", indent=indent)
            units.append(current)
        previous = content
    return units


def _joins(unit: _Unit, previous: str, content: str, indent: int) -> bool:
    """Whether a plain line continues ``unit``, whose last line is ``previous``."""
    lower = _starts_lower(content) and not _LINK.match(content)
    if unit.kind in ("bullet", "numbered"):
        if indent > unit.indent:
            return True
        return lower and not _ENDS_IN_EMOJI.search(previous)
    if indent > unit.indent or _ENDS_IN_EMOJI.search(previous):
        return False
    if lower or previous[-1] in _CONTINUES_AFTER:
        return True
    if text_direction(content) != _last_direction(previous):
        return False
    last_word = previous.rsplit(None, 1)[-1]
    return last_word.lower() in _FUNCTION_WORDS or len(previous) >= _WRAP_MIN


def _last_direction(line: str) -> str:
    """The direction of the last strong character of ``line`` (``ltr`` when there is none)."""
    return text_direction(line[::-1])


def _sentences(text: str, start: int, end: int, scan_from: int) -> list[tuple[int, int]]:
    """Split the unit ``text[start:end]`` (already trimmed) into trimmed sentences.

    Sentence ends are looked for from ``scan_from`` on, after a list marker such as ``1.``.
    """
    sentences: list[tuple[int, int]] = []
    position = start
    for match in _SENTENCE_END.finditer(text, scan_from, end):
        stop = match.end()
        if stop >= end:
            break
        following = _skip_space(text, stop, end)
        if not _ends_sentence(text, match, following, end):
            continue
        sentences.append((position, stop))
        position = following
    sentences.append((position, end))
    return sentences


def _ends_sentence(text: str, match: re.Match[str], following: int, end: int) -> bool:
    """Whether the terminal ``match`` ends a sentence; the next one would start at ``following``."""
    nxt = following
    while nxt < end and text[nxt] in _OPENERS:
        nxt += 1
    if nxt == end:
        return True
    char = text[nxt]
    if char.islower() or not (char.isalnum() or char in _SENTENCE_STARTS):
        return False
    if text[match.start()] != "." or text[match.start() : match.start() + 2] == "..":
        return True
    word = _word_before(text, match.start())
    if _DOTTED.fullmatch(word) or word in _TITLES:
        return False
    return not (word.lower() in _BEFORE_NUMBER and char.isdigit())


def _word_before(text: str, position: int) -> str:
    """The word just before ``position``, without opening punctuation (at most 40 characters)."""
    window = text[max(0, position - 40) : position]
    parts = window.split()
    if not parts or window[-1:].isspace():
        return ""
    return parts[-1].lstrip(_OPENERS)


def _skip_space(text: str, position: int, end: int) -> int:
    """The first position from ``position`` on that is not whitespace (or ``end``)."""
    while position < end and text[position].isspace():
        position += 1
    return position


def _starts_lower(content: str) -> bool:
    """Whether the first letter after any opening punctuation is a lower-case one."""
    stripped = content.lstrip(_OPENERS)
    return bool(stripped) and stripped[0].islower()


def _is_bold(content: str) -> bool:
    """Whether the whole of ``content`` is one ``**bold**`` (or ``__bold__``) run."""
    for mark in ("**", "__"):
        if content.startswith(mark) and content.endswith(mark) and len(content) > 4:
            inner = content.strip(mark[0])
            if inner and mark not in inner:
                return True
    return False


def _is_heading(content: str, one_sentence: bool) -> bool:
    """Whether a stand-alone line reads as a title rather than as one or more sentences."""
    if len(content) > _TITLE_MAX or not any(char.isalpha() for char in content):
        return False
    if _ENDS_IN_EMOJI.search(content):
        return False
    last = content.rstrip(_CLOSERS)[-1]
    if last not in _TERMINALS and last not in "。！？":
        last_word = content.rsplit(None, 1)[-1].lower()
        return (
            one_sentence
            and len(content) <= _HEADING_MAX
            and last not in _CONTINUES_AFTER
            and last_word not in _FUNCTION_WORDS
            and (last not in ":：" or len(content.split()) <= _LABEL_WORDS)
        )
    if last not in "!?":
        return False
    words = [word.lstrip(_OPENERS) for word in content.split()]
    long_words = [word for word in words if len(word) >= 4 and word[0].isalpha()]
    capitalised = sum(1 for word in long_words if word[0].isupper())
    return len(long_words) >= 2 and capitalised >= 0.75 * len(long_words)
