"""The export formats, by name: one exporter class each, reached by every door."""

from typing import TypeVar

from django.utils.translation import gettext as _

from workbench.common.errors import Invalid
from workbench.exchange.exporters.base import AnnotationExporter, TranslationExporter
from workbench.exchange.exporters.csvfile import CsvExporter
from workbench.exchange.exporters.jsonl import JsonlExporter
from workbench.exchange.exporters.tmx import TmxExporter
from workbench.exchange.exporters.webannotation import WebAnnotationExporter
from workbench.exchange.exporters.xliff import XliffExporter

ANNOTATION_EXPORTERS: dict[str, type[AnnotationExporter]] = {
    cls.name: cls for cls in (JsonlExporter, CsvExporter, WebAnnotationExporter)
}
TRANSLATION_EXPORTERS: dict[str, type[TranslationExporter]] = {
    cls.name: cls for cls in (TmxExporter, XliffExporter)
}


T = TypeVar("T")


def _lookup(registry: dict[str, type[T]], name: str | None) -> type[T]:
    if not name:
        raise Invalid(
            _("Say which format to export: %(choices)s.") % {"choices": ", ".join(registry)},
            field="format",
        )
    try:
        return registry[name]
    except KeyError:
        raise Invalid(
            _("Unknown format %(name)s; use one of %(choices)s.")
            % {"name": name, "choices": ", ".join(registry)},
            field="format",
        ) from None


def annotation_exporter(name: str | None) -> type[AnnotationExporter]:
    """The annotation exporter class for ``format=name``."""
    return _lookup(ANNOTATION_EXPORTERS, name)


def translation_exporter(name: str | None) -> type[TranslationExporter]:
    """The translation exporter class for ``format=name``."""
    return _lookup(TRANSLATION_EXPORTERS, name)
