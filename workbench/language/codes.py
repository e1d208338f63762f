"""The language codes a reviewer may assign: langdetect's languages plus ``mixed`` and ``und``."""

from functools import cache
from pathlib import Path

SPECIAL_CODES = frozenset({"mixed", "und"})


@cache
def detectable_languages() -> frozenset[str]:
    """Codes of the languages langdetect ships a profile for (``en``, ``ar``, ``zh-cn``, ...)."""
    import langdetect

    profiles = Path(langdetect.__file__).parent / "profiles"
    return frozenset(path.name for path in profiles.iterdir() if path.is_file())


def is_language_code(code: str) -> bool:
    """Whether ``code`` is a detectable language, ``mixed`` or ``und``."""
    return code in SPECIAL_CODES or code in detectable_languages()
