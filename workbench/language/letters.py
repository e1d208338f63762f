"""Letter patterns of Arabizi against English: two character-trigram models.

The Arabizi model is trained on Arabizi generated here, by writing wordfreq's most frequent
Arabic words in Latin letters with the usual chat conventions (``ع`` as ``3``, ``ح`` as ``7``,
``خ`` as ``kh`` or ``5``, ``ش`` as ``sh`` or ``ch``, vowels where speakers write them). The
English model is trained on wordfreq's frequent English words. No corpus of real Arabizi is
used. Both models are built on first use (well under a second).
"""

import math
from collections import Counter
from functools import cache

ARABIC_WORDS = 12000
ENGLISH_WORDS = 12000

# Each Arabic letter with its Latin spellings; variants are used in turn from word to word.
_ROMAN: dict[str, tuple[str, ...]] = {
    "ا": ("a",),
    "أ": ("a", "2a"),
    "إ": ("e", "i"),
    "آ": ("a",),
    "ء": ("2",),
    "ؤ": ("2",),
    "ئ": ("2", "e"),
    "ب": ("b",),
    "ت": ("t",),
    "ث": ("th", "s", "t"),
    "ج": ("g", "j"),
    "ح": ("7", "h"),
    "خ": ("kh", "5"),
    "د": ("d",),
    "ذ": ("z", "th", "d"),
    "ر": ("r",),
    "ز": ("z",),
    "س": ("s",),
    "ش": ("sh", "ch"),
    "ص": ("s", "9"),
    "ض": ("d", "dh"),
    "ط": ("t", "6"),
    "ظ": ("z", "dh"),
    "ع": ("3",),
    "غ": ("gh", "8"),
    "ف": ("f",),
    "ق": ("2", "q", "9"),
    "ك": ("k",),
    "ل": ("l",),
    "م": ("m",),
    "ن": ("n",),
    "ه": ("h",),
    "ة": ("a", "ah", "et"),
    "و": ("o", "w", "ou", "oo"),
    "ي": ("i", "y", "ee", "e"),
    "ى": ("a",),
}
_VOWELS = frozenset("aeiou")
# Short vowels that Arabic script leaves out and Arabizi writes, used in turn.
_SHORT = ("a", "e", "a", "o", "i")


def romanize(word: str, variant: int = 0) -> str:
    """``word`` (Arabic script) written in Arabizi; ``variant`` picks among the spellings.

    Between two consonants a short vowel is written, as speakers pronounce it.
    """
    if word.startswith("ال") and len(word) > 3:
        head, word = ("el", "al", "il")[variant % 3], word[2:]
    else:
        head = ""
    out: list[str] = [head]
    previous_vowel = True
    for position, letter in enumerate(word):
        spellings = _ROMAN.get(letter)
        if spellings is None:
            continue
        spelling = spellings[(variant + position) % len(spellings)]
        starts_vowel = spelling[0] in _VOWELS
        if out[-1] and not previous_vowel and not starts_vowel and position % 2:
            out.append(_SHORT[(variant + position) % len(_SHORT)])
        out.append(spelling)
        previous_vowel = spelling[-1] in _VOWELS
    return "".join(out)


class TrigramModel:
    """Add-one smoothed character trigrams over words marked with ``^`` and ``$``."""

    def __init__(self, words: list[str]) -> None:
        self.trigrams: Counter[str] = Counter()
        self.bigrams: Counter[str] = Counter()
        for word in words:
            padded = f"^^{word}$"
            for index in range(len(padded) - 2):
                self.trigrams[padded[index : index + 3]] += 1
                self.bigrams[padded[index : index + 2]] += 1
        self.alphabet = len({ch for word in words for ch in word}) + 1

    def log_probability(self, word: str) -> float:
        """Natural log of the probability of ``word`` (lowercase)."""
        padded = f"^^{word}$"
        total = 0.0
        for index in range(len(padded) - 2):
            trigram = padded[index : index + 3]
            total += math.log(
                (self.trigrams[trigram] + 1) / (self.bigrams[trigram[:2]] + self.alphabet)
            )
        return total


@cache
def models() -> tuple[TrigramModel, TrigramModel]:
    """The Arabizi and the English letter models."""
    from wordfreq import top_n_list

    arabic = [word for word in top_n_list("ar", ARABIC_WORDS) if len(word) > 1]
    generated = [romanize(word, variant) for word in arabic for variant in (0, 1)]
    english = [
        word for word in top_n_list("en", ENGLISH_WORDS) if word.isascii() and word.isalpha()
    ]
    return TrigramModel(generated), TrigramModel(english)


def arabizi_likelihood(word: str) -> float:
    """Log-likelihood ratio per letter of ``word`` (lowercase) being Arabizi rather than English."""
    arabizi, english = models()
    return (arabizi.log_probability(word) - english.log_probability(word)) / (len(word) + 1)
