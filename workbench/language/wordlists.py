"""Word frequencies from ``wordfreq``: how common a Latin-script word is in English, and
whether it is a word of English rather than a name shared by many languages.

wordfreq folds case, so a name (``Putin``, ``Reuters``) is as frequent as a word. What tells
them apart is how the frequency spreads over languages: a name is spelt the same and is about
as frequent in German, French, Spanish, ... as in English, while an English word (``meeting``,
``deadline``, ``okay``) is much more frequent in English than in the other languages. The
tables are built on first use from wordfreq's lists, read without its caches, and only what is
needed is kept.
"""

import math
import statistics
from functools import cache

#: Latin-script languages whose frequencies are compared with English (wordfreq "large" lists).
OTHER_LANGUAGES = ("de", "fr", "es", "it", "pt", "nl", "sv", "pl")
#: Words at least this frequent in English (Zipf scale: 3 is once per million words) count.
MIN_ENGLISH_ZIPF = 2.5
#: An English word is at least this frequent in English ...
WORD_MIN_ZIPF = 3.0
#: ... and this much more frequent (Zipf) than in the median of ``OTHER_LANGUAGES``.
WORD_MIN_SPREAD = 1.0


def _zipf_table(language: str, floor: float) -> dict[str, float]:
    """Zipf frequency of every word of wordfreq's list for ``language`` at or above ``floor``."""
    from wordfreq import available_languages, read_cBpack

    table: dict[str, float] = {}
    buckets = read_cBpack(available_languages("best")[language])
    for index, words in enumerate(buckets):
        zipf = round(9 - index / 100, 2)
        if zipf < floor:
            break
        for word in words:
            table[word] = zipf
    return table


@cache
def english_table() -> dict[str, tuple[float, float]]:
    """For each frequent English word: its Zipf frequency and its spread over other languages.

    The spread is the English Zipf frequency minus the median of the word's Zipf frequencies in
    ``OTHER_LANGUAGES`` (0 where a language does not list it).
    """
    english = _zipf_table("en", MIN_ENGLISH_ZIPF)
    others = [0.0] * len(OTHER_LANGUAGES)
    columns: dict[str, list[float]] = {word: list(others) for word in english}
    for position, language in enumerate(OTHER_LANGUAGES):
        for word, zipf in _zipf_table(language, 1.0).items():
            row = columns.get(word)
            if row is not None:
                row[position] = zipf
    return {
        word: (zipf, round(zipf - statistics.median(columns[word]), 2))
        for word, zipf in english.items()
    }


@cache
def other_latin_table() -> dict[str, float]:
    """The highest Zipf frequency (at least 3) of each word in ``OTHER_LANGUAGES``."""
    table: dict[str, float] = {}
    for language in OTHER_LANGUAGES:
        for word, zipf in _zipf_table(language, 3.0).items():
            if zipf > table.get(word, 0.0):
                table[word] = zipf
    return table


def english_zipf(word: str) -> float:
    """Zipf frequency of ``word`` (any case) in English; 0 below ``MIN_ENGLISH_ZIPF``."""
    entry = english_table().get(word.lower())
    return entry[0] if entry else 0.0


def english_spread(word: str) -> float:
    """How much more frequent ``word`` is in English than in other Latin-script languages."""
    entry = english_table().get(word.lower())
    return entry[1] if entry else 0.0


def other_latin_zipf(word: str) -> float:
    """Highest Zipf frequency of ``word`` in another Latin-script language; 0 below 3."""
    return other_latin_table().get(word.lower(), 0.0)


def is_english_word(word: str) -> bool:
    """Whether ``word`` is a common word of English, not a name or a word of many languages.

    ``Okay``, ``Architecture``, ``deadline`` are; ``Reuters``, ``Putin``, ``video`` are not.
    """
    entry = english_table().get(word.lower())
    return entry is not None and entry[0] >= WORD_MIN_ZIPF and entry[1] >= WORD_MIN_SPREAD


def zipf_to_frequency(zipf: float) -> float:
    """A Zipf value as a proportion of words."""
    return math.pow(10, zipf - 9)
