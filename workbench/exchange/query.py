"""What an export asks for: filters, statuses and format options, parsed from any door.

The API, the management commands and the admin all build these objects with the helpers below,
so a value means the same thing everywhere and a bad one gets the same message.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.utils.translation import gettext as _

from workbench.annotation.models import Status as AnnotationStatus
from workbench.common.errors import Invalid
from workbench.common.fields import parse_id
from workbench.translation.models import Status as TranslationStatus

#: Statuses exported when none is asked for: reviewed work only.
DEFAULT_ANNOTATION_STATUSES = (AnnotationStatus.ACCEPTED.value,)
DEFAULT_TRANSLATION_STATUSES = (TranslationStatus.APPROVED.value,)
ALL = "all"


@dataclass(frozen=True)
class AnnotationQuery:
    """Which annotations to export. Empty tuples mean "no restriction"."""

    projects: tuple[int, ...] = ()
    documents: tuple[int, ...] = ()
    label_types: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    statuses: tuple[str, ...] = DEFAULT_ANNOTATION_STATUSES
    comments: bool = False

    @property
    def narrows_annotations(self) -> bool:
        """Whether a filter on the annotations themselves (type, language) is set."""
        return bool(self.label_types or self.languages)


@dataclass(frozen=True)
class TranslationQuery:
    """Which translations to export: ``target`` is required, the rest narrows."""

    target: str
    projects: tuple[int, ...] = ()
    documents: tuple[int, ...] = ()
    sources: tuple[str, ...] = ()
    statuses: tuple[str, ...] = DEFAULT_TRANSLATION_STATUSES


@dataclass(frozen=True)
class ExportOptions:
    """Format options: a BOM for Excel (CSV) and the base IRI of W3C annotation ids."""

    bom: bool = False
    base_url: str = "urn:workbench:"


def split_values(values: str | Iterable[str] | None) -> tuple[str, ...]:
    """``"a,b"`` or ``["a", "b,c"]`` as a tuple of stripped, non-empty values in order."""
    if values is None:
        return ()
    if isinstance(values, str):
        values = [values]
    seen: list[str] = []
    for value in values:
        for item in str(value).split(","):
            item = item.strip()
            if item and item not in seen:
                seen.append(item)
    return tuple(seen)


def parse_statuses(
    values: str | Iterable[str] | None, *, choices: Sequence[str], default: tuple[str, ...]
) -> tuple[str, ...]:
    """Statuses from a comma-separated list, ``all`` for every status, the default when empty."""
    items = split_values(values)
    if not items:
        return default
    if ALL in items:
        return tuple(choices)
    unknown = [item for item in items if item not in choices]
    if unknown:
        raise Invalid(
            _("Unknown status %(value)s; use one or more of %(choices)s, or all.")
            % {"value": ", ".join(unknown), "choices": ", ".join(choices)},
            field="status",
        )
    return tuple(item for item in choices if item in items)


def parse_ids(values: str | Iterable[str] | None, *, field: str) -> tuple[int, ...]:
    """Integer ids from a comma-separated list, with an error naming ``field`` otherwise."""
    ids: list[int] = []
    for item in split_values(values):
        number = parse_id(item)
        if number is None:
            raise Invalid(
                _("%(value)s is not an id (a whole number).") % {"value": item[:40]}, field=field
            )
        ids.append(number)
    return tuple(ids)


def parse_bool(value: str | bool | None) -> bool:
    """Query-string booleans: ``1``, ``true``, ``yes`` and ``on`` are true."""
    if isinstance(value, bool):
        return value
    return (value or "").strip().lower() in {"1", "true", "yes", "on"}


def annotation_statuses(values: str | Iterable[str] | None) -> tuple[str, ...]:
    """Annotation statuses (pending, accepted, rejected); accepted by default."""
    return parse_statuses(
        values, choices=AnnotationStatus.values, default=DEFAULT_ANNOTATION_STATUSES
    )


def translation_statuses(values: str | Iterable[str] | None) -> tuple[str, ...]:
    """Translation statuses (draft, edited, approved, rejected); approved by default."""
    return parse_statuses(
        values, choices=TranslationStatus.values, default=DEFAULT_TRANSLATION_STATUSES
    )
