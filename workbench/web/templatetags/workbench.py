"""Filters for the browser pages: role labels, language names, progress shares, look-ups."""

from django import template

from workbench.corpus.models import Role
from workbench.web.languages import language_name as _language_name

register = template.Library()


@register.filter
def role_label(role: str | None) -> str:
    """The translated name of a project role, or an empty string."""
    return str(Role(role).label) if role in Role.values else ""


@register.filter
def language_label(code: str | None) -> str:
    """The name of a language code in the interface language (``mixed`` and ``und`` too)."""
    return _language_name(code) if code else ""


@register.filter
def share(part: int | None, whole: int | None) -> int:
    """``part`` as a whole-number percentage of ``whole`` (0 when ``whole`` is 0)."""
    if not whole:
        return 0
    return round(100 * (part or 0) / whole)


@register.filter
def get_item(mapping: dict | None, key: object) -> object:
    """``mapping[key]``, or an empty list when the key is missing."""
    return (mapping or {}).get(key, [])
