"""Language codes: the ones a reviewer may assign, the scripts each language is written in, and
how engines spell the codes they name differently.

``SCRIPT_LANGUAGES`` is the one table of languages by script: detection chooses among a run's
candidates, and drafting translates only runs written in a script of the source language.
"""

from functools import cache
from pathlib import Path

SPECIAL_CODES = frozenset({"mixed", "und"})

#: The Latin-script languages langdetect has a profile for.
LATIN_LANGUAGES = tuple(
    sorted(
        "af ca cs cy da de en es et fi fr hr hu id it lt lv nl no pl pt ro sk sl so sq sv sw"
        " tl tr vi".split()
    )
)
#: The Arabic-script languages langdetect has a profile for.
ARABIC_LANGUAGES = ("ar", "fa", "ur")

#: Languages written in each script (ISO 15924 codes), as detection's candidates.
SCRIPT_LANGUAGES: dict[str, tuple[str, ...]] = {
    "Latn": LATIN_LANGUAGES,
    "Arab": ARABIC_LANGUAGES,
    "Cyrl": ("bg", "mk", "ru", "uk"),
    "Deva": ("hi", "mr", "ne"),
    "Hani": ("zh-cn", "zh-tw", "ja"),
    "Jpan": ("ja",),
    "Grek": ("el",),
    "Hebr": ("he",),
    "Hang": ("ko",),
    "Thai": ("th",),
    "Beng": ("bn",),
    "Gujr": ("gu",),
    "Guru": ("pa",),
    "Knda": ("kn",),
    "Mlym": ("ml",),
    "Taml": ("ta",),
    "Telu": ("te",),
}

#: Codes an engine spells differently from langdetect, by engine name: ours → the engine's.
ENGINE_CODES: dict[str, dict[str, str]] = {
    "argos": {"zh-cn": "zh", "zh-tw": "zt"},
}


@cache
def scripts_of(language: str) -> frozenset[str]:
    """The scripts ``language`` is written in; Latin for a language no script lists."""
    found = frozenset(script for script, codes in SCRIPT_LANGUAGES.items() if language in codes)
    return found or frozenset({"Latn"})


def engine_code(engine: str, code: str) -> str:
    """How ``engine`` names the language ``code`` (``zh-cn`` is ``zh`` for argos)."""
    return ENGINE_CODES.get(engine, {}).get(code, code)


def from_engine_code(engine: str, code: str) -> str:
    """Our code for the language ``engine`` calls ``code``."""
    for ours, theirs in ENGINE_CODES.get(engine, {}).items():
        if theirs == code:
            return ours
    return code


@cache
def detectable_languages() -> frozenset[str]:
    """Codes of the languages langdetect ships a profile for (``en``, ``ar``, ``zh-cn``, ...)."""
    import langdetect

    profiles = Path(langdetect.__file__).parent / "profiles"
    return frozenset(path.name for path in profiles.iterdir() if path.is_file())


def is_language_code(code: str) -> bool:
    """Whether ``code`` is a detectable language, ``mixed`` or ``und``."""
    return code in SPECIAL_CODES or code in detectable_languages()
