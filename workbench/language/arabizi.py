"""Arabizi (Arabic written in Latin letters) inside Latin-script runs, found word by word.

Each word of a Latin run gets a score, positive for Arabizi and negative for English:

- digits written as letters inside a word (``3arfa``, ``a2olk``, ``ma3a``, ``7aga``) and
  Arabizi function words that are not common words of a Latin-script language (``msh``,
  ``feen``, ``inshallah``) are strong evidence;
- Arabizi words that are also Latin-script words (``ana``, ``el``, ``bs``, ``men``) are weak
  evidence, and the article ``el`` before a lowercase word a bit more;
- words of English are evidence against, by their frequency in English and by how much more
  frequent they are in English than in other languages (``video`` counts for little);
- other words count by their letter patterns (``workbench.language.letters``);
- names (capitalised words inside a sentence, words in capitals) and numbers count for nothing.

A two-state Viterbi pass with a cost per switch then splits the run at word level, so that a
single strong word can be Arabizi inside English while weak words follow their neighbours. A
run with no strong word has no Arabizi at all; that keeps English text with Arabic names
(``Al Khalifa``, ``Intifada``, ``Basiji``) English.
"""

import re
from dataclasses import dataclass
from functools import lru_cache

from workbench.language.arabizi_lexicon import ARABIZI_WORDS, ARTICLES
from workbench.language.letters import arabizi_likelihood
from workbench.language.wordlists import english_spread, english_zipf, other_latin_zipf

TOKEN_RE = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_SENTENCE_END = frozenset(".!?:;\n")
# Digits that stand for Arabic letters: 2 ء/ق, 3 ع, 5 خ, 6 ط, 7 ح, 8 غ, 9 ق/ص.
_LETTER_DIGITS = frozenset("2356789")
# What follows a number as a unit or an ordinal, not as letters: 2nd, 5pm, 3km, 7kg, 3d.
_NUMBER_SUFFIX = re.compile(
    r"\d\d+\w*|\d+(?:st|nd|rd|th|s|am|pm|km|kg|cm|mm|ml|mb|gb|kb|tb|bn|mn|mp|hz|px|[gmkdxhvw])"
)

STRONG = 3.0
WEAK = 0.6
ARTICLE = 2.0
LETTERS_WEIGHT = 1.5
LETTERS_CAP = 1.5
OTHER_LATIN = 1.0
SWITCH_COST = 1.2
# A word is a common word of a Latin-script language from this Zipf frequency on.
COMMON_ZIPF = 3.0


@dataclass(frozen=True, slots=True)
class Stretch:
    """``text[start:end]`` of a Latin run, Arabizi or not."""

    start: int
    end: int
    arabizi: bool


def is_letter_digit_word(token: str) -> bool:
    """Whether ``token`` spells Arabic letters with digits (``3arfa``, ``a2olk``, ``t3bt``).

    A digit from 2 3 5 6 7 8 9 must be followed by a letter; units and ordinals (``2nd``,
    ``5pm``, ``22bn``, anything after two digits), words in capitals (``G7``, ``H2O``) and
    two-letter tokens (``b2b``) do not count.
    """
    letters = sum(ch.isalpha() for ch in token)
    if letters < 2 or token.isupper() or _NUMBER_SUFFIX.fullmatch(token.lower()):
        return False
    if letters < 3 and not token[0].isdigit():
        return False
    for index, ch in enumerate(token[:-1]):
        if ch in _LETTER_DIGITS and token[index + 1].isalpha():
            return True
    return False


def _is_common_latin_word(word: str) -> bool:
    return english_zipf(word) >= COMMON_ZIPF or other_latin_zipf(word) >= COMMON_ZIPF + 0.5


def _english_score(word: str) -> float:
    zipf = english_zipf(word)
    if zipf < COMMON_ZIPF:
        return 0.0
    spread = min(1.0, max(0.0, english_spread(word)))
    return -min(STRONG, (zipf - 2) * spread)


@lru_cache(maxsize=65536)
def word_score(token: str, *, sentence_start: bool, before_lowercase: bool) -> tuple[float, bool]:
    """The Arabizi score of one token and whether it is strong evidence (cached)."""
    if not any(ch.isalpha() for ch in token):
        return 0.0, False
    if is_letter_digit_word(token):
        return STRONG, True
    if len(token) > 1 and token.isupper():
        return 0.0, False
    if token[0].isupper() and not sentence_start:
        return 0.0, False
    word = token.lower()
    if word in ARABIZI_WORDS:
        if not _is_common_latin_word(word):
            return STRONG, True
        if word in ARTICLES and before_lowercase:
            return ARTICLE, False
        return WEAK, False
    if any(ch.isdigit() for ch in word):
        return 0.0, False
    english = _english_score(word)
    if english:
        return english, False
    if english_zipf(word) >= COMMON_ZIPF:
        return 0.0, False
    if other_latin_zipf(word) >= COMMON_ZIPF + 0.5:
        return -OTHER_LATIN, False
    if not word.isascii():
        return -OTHER_LATIN, False
    likelihood = arabizi_likelihood(word) * LETTERS_WEIGHT
    return max(-LETTERS_CAP, min(LETTERS_CAP, likelihood)), False


def has_strong_evidence(text: str) -> bool:
    """Whether ``text`` has a word that only Arabizi explains (cheap: no frequency lists).

    This is the gate: without such a word, no word of ``text`` is Arabizi.
    """
    for match in TOKEN_RE.finditer(text):
        token = match.group()
        if is_letter_digit_word(token):
            return True
        word = token.lower()
        if (
            word in ARABIZI_WORDS
            and not token.isupper()
            and word not in ARTICLES
            and len(word) > 1
            and not _is_common_latin_word(word)
        ):
            return True
    return False


def _scores(text: str, tokens: list[re.Match]) -> list[tuple[float, bool]]:
    scores = []
    previous_end = 0
    for position, match in enumerate(tokens):
        gap = text[previous_end : match.start()]
        sentence_start = position == 0 or any(ch in _SENTENCE_END for ch in gap)
        following = tokens[position + 1].group() if position + 1 < len(tokens) else ""
        before_lowercase = bool(following) and following[0].islower()
        scores.append(
            word_score(
                match.group(), sentence_start=sentence_start, before_lowercase=before_lowercase
            )
        )
        previous_end = match.end()
    return scores


def _viterbi(scores: list[float]) -> list[bool]:
    """The best labelling (``True`` for Arabizi) with a cost per switch."""
    # State 0 English, 1 Arabizi; emissions -s/2 and +s/2.
    best = [-scores[0] / 2, scores[0] / 2]
    back: list[tuple[int, int]] = []
    for score in scores[1:]:
        emit = (-score / 2, score / 2)
        step = []
        new = []
        for state in (0, 1):
            stay = best[state]
            switch = best[1 - state] - SWITCH_COST
            origin = state if stay >= switch else 1 - state
            step.append(origin)
            new.append(max(stay, switch) + emit[state])
        back.append((step[0], step[1]))
        best = new
    state = 0 if best[0] >= best[1] else 1
    labels = [state]
    for step in reversed(back):
        state = step[state]
        labels.append(state)
    return [bool(label) for label in reversed(labels)]


def _gap_split(text: str, start: int, end: int) -> int:
    """Split the gap ``text[start:end]`` between two words after its last whitespace."""
    for index in range(end - 1, start - 1, -1):
        if text[index].isspace():
            return index + 1
    return end


def arabizi_stretches(text: str) -> list[Stretch]:
    """Split a Latin-script run into Arabizi and other stretches covering it without gaps.

    Once the run has a strong word, a stretch is Arabizi when its words have a strong word
    or score at least as much as the article before a word (``el minister said`` starts with
    an Arabizi ``el``).

    A single stretch ``Stretch(0, len(text), False)`` when nothing in ``text`` is Arabizi.
    """
    whole = [Stretch(0, len(text), False)]
    if not has_strong_evidence(text):
        return whole
    tokens = list(TOKEN_RE.finditer(text))
    scored = _scores(text, tokens)
    labels = _viterbi([score for score, _ in scored])
    # Group the words into stretches; an Arabizi stretch needs a strong word.
    groups: list[list[int]] = []
    for index, label in enumerate(labels):
        if groups and labels[groups[-1][0]] == label:
            groups[-1].append(index)
        else:
            groups.append([index])
    flags = [
        labels[group[0]]
        and (any(scored[i][1] for i in group) or sum(scored[i][0] for i in group) >= ARTICLE)
        for group in groups
    ]
    stretches: list[Stretch] = []
    start = 0
    for position, group in enumerate(groups):
        if position + 1 < len(groups):
            end = _gap_split(text, tokens[group[-1]].end(), tokens[groups[position + 1][0]].start())
        else:
            end = len(text)
        if stretches and stretches[-1].arabizi == flags[position]:
            stretches[-1] = Stretch(stretches[-1].start, end, flags[position])
        else:
            stretches.append(Stretch(start, end, flags[position]))
        start = end
    return stretches
