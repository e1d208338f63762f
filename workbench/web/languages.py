"""Language names in the interface language, for badges, menus and messages.

The codes themselves (``ar``, ``en``, ``mixed``, ``und``) stay what the API and the exports
carry; the page shows these names instead.
"""

from django.utils.translation import get_language_info
from django.utils.translation import gettext as _

OVERRIDE_CHOICES: tuple[str, ...] = (
    *("ar", "en", "fr", "fa", "ur", "es", "de", "ru", "tr"),
    *("mixed", "und"),
)
"""The languages a reviewer may set on a segment from its badge (its detected one is added)."""


def language_name(code: str) -> str:
    """The name of the language ``code`` in the active language, or the code when unknown."""
    if code == "mixed":
        return _("mixed")
    if code == "und":
        return _("no letters")
    try:
        return str(get_language_info(code)["name_translated"])
    except KeyError:
        return code


def language_names(codes: set[str] | None = None) -> dict[str, str]:
    """Names of the override choices and of ``codes``, keyed by code."""
    return {code: language_name(code) for code in sorted(set(OVERRIDE_CHOICES) | (codes or set()))}
