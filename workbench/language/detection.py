"""Language detection for segments: script runs, each labelled with a language.

A segment is split into script runs (see ``workbench.language.scripts``). Each run is labelled
from the candidates of its script only: langdetect runs over separate ``DetectorFactory``
instances loaded with the profiles of that script (``ar``/``fa``/``ur`` for Arabic script, the
Latin-script profiles for Latin, ...). The Arabic-script languages are told apart mainly by the
letters only Persian or Urdu use. Short or ambiguous Latin text falls back to a default
language: the document's Latin-script language in ``detect_segments``, the ``hint`` or English
in ``detect``. A Latin-script name, acronym, URL, e-mail address or @handle inside text of
another script takes the language around it. Results are deterministic: the detectors are
seeded.
"""

import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from functools import cache, lru_cache
from pathlib import Path

from workbench.language.addresses import ADDRESS_RE
from workbench.language.arabizi import arabizi_stretches
from workbench.language.codes import ARABIC_LANGUAGES, LATIN_LANGUAGES, SCRIPT_LANGUAGES
from workbench.language.lexicon import (
    FUNCTION_WORDS,
    WORD_RE,
    content_words,
    function_word_hits,
    marked_letters,
    word_set,
)
from workbench.language.scripts import script_runs
from workbench.language.wordlists import is_english_word

UND = "und"
MIXED = "mixed"

SEED = 0
"""Seed of every langdetect detector, so that a text always gets the same result."""

DEFAULT_LATIN = "en"
DEFAULT_ARABIC = "ar"

# Letters that Persian and Urdu write but Arabic does not, and letters only Urdu writes.
PERSIAN_URDU_LETTERS = frozenset("پچژگکی")
URDU_LETTERS = frozenset("ٹڈڑںےۓھہۂۃ۔")
ARABIC_LETTERS = frozenset("ةىيك")

# A Latin run needs this many letters outside capitalised words, a langdetect probability of
# at least LATIN_MIN_PROBABILITY and support from function words to override the default.
LATIN_MIN_CONTENT = 8
LATIN_LONG_CONTENT = 40
LATIN_MIN_PROBABILITY = 0.9
# Above this share of default-language function words a text is in the default language.
DEFAULT_WORD_SHARE = 0.2
# Runs with at least this many letters vote for the document's Latin-script language.
CONTEXT_MIN_CONTENT = 40

# Lowercase words inside names: "Bank of England", "Bashar al Assad", "Ludwig van Beethoven".
NAME_CONNECTORS = word_set(
    "of the and for in on at to by a an al el ad ash bin ibn bint abu abd de da di del della"
    " van von der den du le la"
)
NAME_MAX_WORDS = 6
# Latin text of at least this many letters with fewer vowels than this share is ``und``.
VOWELLESS_MIN_LETTERS = 20
VOWELLESS_SHARE = 0.1


@dataclass(frozen=True)
class Detection:
    """The language of one segment and the runs it is made of.

    ``language`` is a language code, ``"mixed"`` when ``languages`` holds two or more codes,
    or ``"und"`` when the text has no letters. ``runs`` are dicts
    ``{"start", "end", "language", "script"}`` covering the text without gaps or overlaps.
    """

    language: str
    languages: list[str] = field(default_factory=list)
    runs: list[dict] = field(default_factory=list)
    confidence: float = 1.0

    def as_dict(self) -> dict:
        """The detection as a JSON-serialisable dict."""
        return asdict(self)


@cache
def _factory(languages: tuple[str, ...]):
    """A seeded langdetect factory that knows only ``languages`` (built on first use)."""
    from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory

    factory = DetectorFactory()
    factory.load_json_profile(
        [Path(PROFILES_DIRECTORY, code).read_text(encoding="utf-8") for code in languages]
    )
    factory.set_seed(SEED)
    return factory


@lru_cache(maxsize=16384)
def langdetect_among(languages: tuple[str, ...], text: str) -> tuple[tuple[str, float], ...]:
    """langdetect's probabilities for ``text`` among ``languages``, best first (cached).

    Empty when langdetect finds no features in the text.
    """
    from langdetect.lang_detect_exception import LangDetectException

    detector = _factory(languages).create()
    detector.append(text)
    try:
        return tuple((item.lang, item.prob) for item in detector.get_probabilities())
    except LangDetectException:
        return ()


def clear_caches() -> None:
    """Forget cached langdetect results (the factories stay loaded)."""
    langdetect_among.cache_clear()


@dataclass
class _Run:
    """A script run while it is being labelled."""

    start: int
    end: int
    script: str
    letters: int
    language: str | None = None
    confidence: float = 0.0
    embedded: bool = False
    # Latin runs: the text for langdetect and its result (computed when needed), the letters
    # and number of words outside names, function-word counts per language.
    body: str = ""
    probabilities: tuple[tuple[str, float], ...] | None = None
    content: int = 0
    words: int = 0
    hits: dict[str, int] = field(default_factory=dict)
    marked: int = 0
    # Arabic-script runs: evidence from the letters used.
    arabic_evidence: str | None = None
    # Whether the run is a quotation inside a sentence of another language.
    quoted: bool = False


def _strip_addresses(text: str) -> str:
    return ADDRESS_RE.sub(" ", text)


def _is_name_like(text: str) -> bool:
    """Whether a Latin run is a name, a title or an acronym rather than words of a language.

    Every word is capitalised (``Guardian``, ``Human Rights Watch``, ``al-Assad``) or a
    lowercase connector (``Bank of England``, ``Bashar al Assad``); a phrase in capitals is a
    name only without connectors (``UN``, ``FREE SYRIAN ARMY``, not ``STOP THE WAR``).
    """
    words = WORD_RE.findall(text)
    if not words or len(words) > NAME_MAX_WORDS:
        return False
    if all(word.isupper() for word in words):
        return len(words) == 1 or not any(word.lower() in NAME_CONNECTORS for word in words)
    capitalised = False
    for word in words:
        if any(part[:1].isupper() for part in word.split("-")):
            capitalised = True
        elif word.lower() not in NAME_CONNECTORS:
            return False
    return capitalised


def _has_no_vowels(text: str) -> bool:
    """Whether ``text`` has at least ``VOWELLESS_MIN_LETTERS`` letters and almost no vowels."""
    letters = vowels = 0
    for ch in text:
        if ch.isalpha():
            letters += 1
            vowels += unicodedata.normalize("NFD", ch)[0].lower() in "aeiouy"
    return letters >= VOWELLESS_MIN_LETTERS and vowels < VOWELLESS_SHARE * letters


def _is_english_word_alone(text: str) -> bool:
    """Whether a capitalised Latin run is one English word (``Okay``, ``Architecture``).

    A word in capitals stays an acronym, and a word shared by many languages (``Reuters``,
    ``Putin``) a name; see ``workbench.language.wordlists``.
    """
    words = WORD_RE.findall(text)
    return len(words) == 1 and not words[0].isupper() and is_english_word(words[0])


def _analyse_latin(run: _Run, text: str, hosted: bool) -> None:
    body = _strip_addresses(text)
    if not any(ch.isalpha() for ch in body):
        # Only addresses: part of the surrounding text, or nothing to detect on its own.
        run.embedded = hosted
        run.language = None if hosted else UND
        run.confidence = 1.0
        return
    if _has_no_vowels(body):
        # Long letter strings without vowels are no language's words (keys, codes, noise).
        run.language, run.confidence = UND, 0.5
        return
    if hosted and _is_name_like(body) and not _is_english_word_alone(body):
        run.embedded = True
        return
    words = content_words(body)
    run.words = len(words)
    run.content = sum(len(word) for word in words)
    run.hits = function_word_hits(words)
    run.marked = marked_letters(body)
    letters = [ch for ch in body if ch.isalpha()]
    # langdetect ignores words in capitals; give it the words themselves.
    caps = sum(ch.isupper() for ch in letters) >= 0.7 * len(letters)
    run.body = body.lower() if caps else body


def _analyse_arabic(run: _Run, text: str) -> None:
    urdu = persian = arabic = 0
    for ch in text:
        if ch in URDU_LETTERS:
            urdu += 1
        elif ch in PERSIAN_URDU_LETTERS:
            persian += 1
        elif ch in ARABIC_LETTERS:
            arabic += 1
    if urdu:
        run.arabic_evidence = "ur" if urdu * 3 >= arabic else None
    elif persian:
        run.arabic_evidence = "fa" if persian * 3 >= arabic else None
    elif arabic:
        run.arabic_evidence = "ar"
    if run.arabic_evidence is None and (urdu or persian):
        # Letters point both ways: let langdetect weigh the whole run.
        probabilities = langdetect_among(ARABIC_LANGUAGES, text)
        run.arabic_evidence = probabilities[0][0] if probabilities else "ar"
    run.confidence = min(0.99, 0.6 + 0.02 * run.letters)
    if run.arabic_evidence is not None:
        run.confidence = min(0.99, run.confidence + 0.2)


_OPENING_QUOTES = "«“„‘‹\"'「"
_CLOSING_QUOTES = "»”“’›\"'」"


def _is_quotation(chunk: str) -> bool:
    """Whether a run's text is wrapped in quotation marks, like ``«الشعب يريد» ``."""
    inner = chunk.strip().rstrip(".,;:!?؟،؛")
    return len(inner) > 2 and inner[0] in _OPENING_QUOTES and inner[-1] in _CLOSING_QUOTES


def _split_arabizi(text: str, runs: list[_Run]) -> tuple[list[_Run], bool]:
    """Latin runs split into Arabizi runs (``ar``, script ``Latn``) and the rest, word by word.

    Also whether any Arabizi was found.
    """
    found = False
    result: list[_Run] = []
    for run in runs:
        stretches = arabizi_stretches(text[run.start : run.end]) if run.script == "Latn" else ()
        if len(stretches) < 2 and not (stretches and stretches[0].arabizi):
            result.append(run)
            continue
        found = True
        for stretch in stretches:
            start, end = run.start + stretch.start, run.start + stretch.end
            letters = sum(ch.isalpha() for ch in text[start:end])
            part = _Run(start, end, "Latn", letters)
            if stretch.arabizi:
                part.language = DEFAULT_ARABIC
                part.confidence = min(0.95, 0.6 + 0.01 * letters)
            result.append(part)
    return result, found


def _analyse(text: str) -> list[_Run]:
    """First pass over one segment: script runs with the evidence for their language."""
    runs = [_Run(r.start, r.end, r.script, r.letters) for r in script_runs(text)]
    scripts = {run.script for run in runs if run.letters}
    runs, arabizi = _split_arabizi(text, runs)
    hosted = bool(scripts - {"Latn"}) or arabizi
    for run in runs:
        chunk = text[run.start : run.end]
        run.quoted = len(runs) > 1 and _is_quotation(chunk)
        if run.language is not None:
            continue
        if not run.letters:
            run.language, run.confidence = UND, 1.0
        elif run.script == "Latn":
            _analyse_latin(run, chunk, hosted)
        elif run.script == "Arab":
            _analyse_arabic(run, chunk)
        else:
            candidates = SCRIPT_LANGUAGES.get(run.script, ())
            if len(candidates) == 1:
                run.language, run.confidence = candidates[0], 0.9
            elif candidates:
                probabilities = langdetect_among(candidates, chunk)
                run.language, run.confidence = probabilities[0] if probabilities else (UND, 0.0)
            else:
                run.language, run.confidence = UND, 0.0
    return runs


def _latin_probabilities(run: _Run) -> tuple[tuple[str, float], ...]:
    """langdetect's answer for a Latin run, computed on first need."""
    if run.probabilities is None:
        run.probabilities = langdetect_among(SCRIPT_LANGUAGES["Latn"], run.body)
    return run.probabilities


def _supported(run: _Run, language: str | None, default: str) -> bool:
    """Whether the words of a Latin run would back ``language`` against ``default``.

    ``language`` is ``None`` for a language without a function-word list. Backing is either
    at least two function words of the language (more than of the default), or few function
    words of the default together with a long enough text or, against English, lowercase
    words spelt with letters English does not use (``grève``, ``przed``, ``fața``).
    """
    if run.content < LATIN_MIN_CONTENT:
        return False
    default_hits = run.hits.get(default, 0)
    own = run.hits.get(language, 0) if language else 0
    if own >= 2 and own > default_hits:
        return True
    if default_hits > DEFAULT_WORD_SHARE * max(run.words, 1):
        return False
    if any(count > 1 for code, count in run.hits.items() if code != language):
        return False
    return run.content >= LATIN_LONG_CONTENT or (run.marked > 0 and default == DEFAULT_LATIN)


def _could_overrule(run: _Run, default: str) -> bool:
    """Whether the words of a Latin run leave room for a language other than ``default``."""
    return _supported(run, None, default) or any(
        _supported(run, language, default) for language in FUNCTION_WORDS if language != default
    )


def _latin_choice(run: _Run, default: str) -> tuple[str, float, bool]:
    """Language and confidence of a Latin run, and whether the evidence was decisive.

    langdetect is asked only when the words leave room for another language than ``default``;
    its answer counts when it is confident and the run's words back it.
    """
    share = run.hits.get(default, 0) / max(run.words, 1)
    fallback = min(0.95, 0.5 + share)
    if not _could_overrule(run, default):
        decisive = run.content >= CONTEXT_MIN_CONTENT and share >= DEFAULT_WORD_SHARE
        return default, fallback, decisive
    probabilities = _latin_probabilities(run)
    if not probabilities:
        return default, fallback, False
    language, probability = probabilities[0]
    if language == default:
        return language, probability, True
    listed = language if language in FUNCTION_WORDS else None
    if probability >= LATIN_MIN_PROBABILITY and _supported(run, listed, default):
        return language, probability, True
    return default, fallback, False


def _resolve(runs: list[_Run], latin_default: str, arabic_default: str) -> Detection:
    """Second pass: label every run and build the segment's detection."""
    for run in runs:
        if run.script == "Latn" and not run.embedded and run.language is None:
            run.language, run.confidence, _ = _latin_choice(run, latin_default)
        elif run.script == "Arab":
            run.language = run.arabic_evidence or arabic_default
    labelled = [run for run in runs if not run.embedded]
    for index, run in enumerate(runs):
        if run.embedded:
            host = _host(runs, index)
            run.language = host.language if host else UND
            run.confidence = host.confidence if host else 0.5
    if not runs:
        return Detection(language=UND, languages=[], runs=[], confidence=1.0)
    # Languages in order of first appearance, except that a quotation comes after the
    # language of the sentence that quotes it (the matrix language comes first).
    languages: list[str] = []
    for run in sorted(labelled, key=lambda run: run.quoted):
        if run.language != UND and run.language not in languages:
            languages.append(run.language)
    weighted = [(run.letters, run.confidence) for run in runs if run.letters]
    total = sum(letters for letters, _ in weighted)
    confidence = sum(letters * conf for letters, conf in weighted) / total if total else 1.0
    if not languages:
        language = UND
    elif len(languages) == 1:
        language = languages[0]
    else:
        language = MIXED
    return Detection(
        language=language,
        languages=languages,
        runs=[
            {"start": run.start, "end": run.end, "language": run.language, "script": run.script}
            for run in runs
        ],
        confidence=round(confidence, 4),
    )


def _host(runs: list[_Run], index: int) -> _Run | None:
    """The nearest run before (else after) ``index`` that has a language of its own."""
    for position in [*range(index - 1, -1, -1), *range(index + 1, len(runs))]:
        run = runs[position]
        if not run.embedded and run.letters and run.language not in (None, UND):
            return run
    return None


def _defaults(hint: str | None) -> tuple[str, str]:
    latin = hint if hint in LATIN_LANGUAGES else DEFAULT_LATIN
    arabic = hint if hint in ARABIC_LANGUAGES else DEFAULT_ARABIC
    return latin, arabic


def detect(text: str, *, hint: str | None = None) -> Detection:
    """Detect the language of one text.

    ``hint`` is the language to fall back on for short or ambiguous text of its script (for
    example the document's language); without it short Latin-script text is English and short
    Arabic-script text without Persian or Urdu letters is Arabic.
    """
    latin, arabic = _defaults(hint)
    return _resolve(_analyse(text), latin, arabic)


def _document_defaults(analysed: Iterable[list[_Run]]) -> tuple[str, str]:
    """The document's Latin-script and Arabic-script languages, from its confident runs."""
    latin: Counter[str] = Counter()
    arabic: Counter[str] = Counter()
    for runs in analysed:
        for run in runs:
            if run.script == "Latn" and not run.embedded and run.content >= CONTEXT_MIN_CONTENT:
                language, _, own = _latin_choice(run, DEFAULT_LATIN)
                if own:
                    latin[language] += run.content
            elif run.script == "Arab" and run.arabic_evidence:
                arabic[run.arabic_evidence] += run.letters
    return (
        latin.most_common(1)[0][0] if latin else DEFAULT_LATIN,
        arabic.most_common(1)[0][0] if arabic else DEFAULT_ARABIC,
    )


def detect_segments(texts: Sequence[str]) -> list[Detection]:
    """Detect the language of every segment of one document.

    Long, confidently detected segments give the document's language per script, which then
    decides the short and ambiguous segments.
    """
    analysed = [_analyse(text) for text in texts]
    latin, arabic = _document_defaults(analysed)
    return [_resolve(runs, latin, arabic) for runs in analysed]


__all__ = ["Detection", "clear_caches", "detect", "detect_segments"]
