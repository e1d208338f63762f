"""Very frequent function words of a few Latin-script languages, and word-level helpers.

langdetect is unreliable on short text and on lines made mostly of proper names; counting
the function words of the candidate languages (ignoring capitalised words, which are mostly
names) tells a real sentence in a language apart from a headline or a list of names.
"""

import re


def word_set(text: str) -> frozenset[str]:
    """The set of the space-separated words of ``text``."""
    return frozenset(text.split())


FUNCTION_WORDS: dict[str, frozenset[str]] = {
    # Words that are also frequent in another Latin-script language (a, i, in, to, at, for,
    # by, on, over, ...) are left out.
    "en": word_set(
        "the of and is are was were be been being has have had will would with from that this"
        " these those which who whom whose what their they them he she his her its it our us"
        " you your not but after into than there about against between during through until"
        " can could should must may more most also only other some such when where while how"
        " why if does did any my just"
    ),
    "fr": word_set(
        "le la les un une des du de et est sont dans pour que qui sur par pas au aux avec ce cette"
        " ces il ils elle elles nous vous leur leurs son sa ses mais ou plus ne se été être a ont"
        " à y en l d qu c s n"
    ),
    "es": word_set(
        "el la los las un una unos unas del de y es son en por para que con no se su sus al lo"
        " como más pero o fue ha han este esta estos estas todo todas todos ya muy también"
        " a"
    ),
    "de": word_set(
        "der die das den dem des ein eine einen einem einer und ist sind in im mit von zu zum zur"
        " auf für nicht sich auch es ein als an bei nach wie wird werden wurde aus dass noch nur"
        " oder aber sie er wir ihr"
    ),
    "it": word_set(
        "il lo la i gli le un una uno di del della dei delle e è sono in per che con non si da al"
        " alla nel nella su ma come più anche questo questa sua suo"
    ),
    "pt": word_set(
        "o a os as um uma uns umas do da dos das de e é são em no na nos nas por para que com não"
        " se seu sua ao à mais mas como foi também este esta"
    ),
    "nl": word_set(
        "de het een en is zijn van in op te voor met niet dat die deze dit er aan bij om ook als"
        " maar naar zich wordt werd door uit over tot"
    ),
}

# A word: letters, optionally joined by an apostrophe or a hyphen ("s'est", "al-Assad").
WORD_RE = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*")
_SENTENCE_END = frozenset(".!?:;")


def content_words(text: str) -> list[str]:
    """The lowercased words of ``text`` that are not proper-name candidates.

    A capitalised word counts only at the start of ``text`` or of a sentence; elsewhere it is
    taken for a name or an acronym. Text written in capitals throughout counts in full.
    """
    letters = [ch for ch in text if ch.isalpha()]
    all_caps = len(letters) >= 4 and sum(ch.isupper() for ch in letters) >= 0.7 * len(letters)
    words = []
    sentence_start = True
    previous_end = 0
    for match in WORD_RE.finditer(text):
        gap = text[previous_end : match.start()]
        if any(ch in _SENTENCE_END for ch in gap):
            sentence_start = True
        word = match.group()
        if all_caps or sentence_start or not word[0].isupper():
            words.append(word.lower())
        sentence_start = False
        previous_end = match.end()
    return words


def function_word_hits(words: list[str]) -> dict[str, int]:
    """How many of ``words`` are function words of each language in ``FUNCTION_WORDS``."""
    hits: dict[str, int] = {}
    for language, vocabulary in FUNCTION_WORDS.items():
        count = 0
        for word in words:
            if word in vocabulary:
                count += 1
            elif "'" in word or "’" in word:
                # Elided French and Italian forms: "s'est", "l'usine", "dell'anno".
                head = re.split("['’]", word, maxsplit=1)[0]
                count += head in vocabulary
        if count:
            hits[language] = count
    return hits


def marked_letters(text: str) -> int:
    """Letters outside ASCII in the lowercase words of ``text`` (names are capitalised).

    ``¡`` and ``¿`` count too: they mark Spanish as surely as ``ñ`` does.
    """
    count = text.count("¡") + text.count("¿")
    for match in WORD_RE.finditer(text):
        word = match.group()
        if word[0].islower():
            count += sum(1 for ch in word if ch.isalpha() and not ch.isascii())
    return count
