"""The export endpoints' query parameters: parsed, and documented in the schema, by DRF.

Each parameter is parsed by the same helpers as the management commands and the admin
(``workbench.exchange.query``), so a value means the same thing at every door and a bad one
gets the same message.
"""

from collections.abc import Callable
from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.fields import empty

from workbench.common.errors import Invalid
from workbench.exchange.exporters import (
    ANNOTATION_EXPORTERS,
    TRANSLATION_EXPORTERS,
    annotation_exporter,
    translation_exporter,
)
from workbench.exchange.query import (
    AnnotationQuery,
    ExportOptions,
    TranslationQuery,
    annotation_statuses,
    parse_ids,
    split_values,
    translation_statuses,
)


def _checked(parse: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """``parse(...)``, its ``Invalid`` turned into the field's validation error."""
    try:
        return parse(*args, **kwargs)
    except Invalid as exc:
        raise serializers.ValidationError(exc.message) from None


class FormatField(serializers.ChoiceField):
    """``format=``: the name of a registered exporter, resolved to its class."""

    def __init__(self, lookup: Callable[[str | None], type], **kwargs: Any) -> None:
        self.lookup = lookup
        super().__init__(**kwargs)

    def validate_empty_values(self, data: Any) -> tuple[bool, Any]:
        if data is empty or data in ("", None):
            _checked(self.lookup, None)
        return super().validate_empty_values(data)

    def to_internal_value(self, data: Any) -> type:
        return _checked(self.lookup, data)


class ValuesField(serializers.ListField):
    """A parameter given repeatedly or comma-separated (``?a=x&a=y`` or ``?a=x,y``)."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("child", serializers.CharField(allow_blank=True))
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def to_internal_value(self, data: Any) -> tuple[str, ...]:
        return split_values(super().to_internal_value(data))


@extend_schema_field(serializers.ListField(child=serializers.IntegerField()))
class IdsField(ValuesField):
    """Ids given repeatedly or comma-separated."""

    def to_internal_value(self, data: Any) -> tuple[int, ...]:
        return _checked(parse_ids, super().to_internal_value(data), field=self.field_name)


class StatusField(ValuesField):
    """Statuses, comma-separated or repeated, ``all`` for every one; a default when absent."""

    def __init__(self, parse: Callable[[Any], tuple[str, ...]], **kwargs: Any) -> None:
        self.parse = parse
        super().__init__(**kwargs)

    def to_internal_value(self, data: Any) -> tuple[str, ...]:
        return _checked(self.parse, super().to_internal_value(data))


class ExportQuerySerializer(serializers.Serializer):
    """What every export narrows by: projects and documents (404 outside your projects)."""

    project = IdsField(help_text="Project ids (repeat or comma-separate).")
    document = IdsField(help_text="Document ids (repeat or comma-separate).")

    def scope_label(self) -> str:
        """The projects' part of the file name, ``project-1-2``, or nothing."""
        projects = self.validated_data.get("project", ())
        return f"project-{'-'.join(map(str, projects))}" if projects else ""


class AnnotationExportQuerySerializer(ExportQuerySerializer):
    """Query parameters of ``GET /api/v1/export/annotations/``."""

    format = FormatField(annotation_exporter, choices=list(ANNOTATION_EXPORTERS))
    label_type = ValuesField(help_text="Label type names or ids.")
    language = ValuesField(
        help_text="Only annotations touching a segment in one of these languages."
    )
    status = StatusField(
        annotation_statuses,
        help_text="Comma-separated pending, accepted, rejected, or all (default: accepted).",
    )
    comments = serializers.BooleanField(
        required=False, default=False, help_text="Include comments."
    )
    bom = serializers.BooleanField(
        required=False, default=False, help_text="CSV for Excel: byte order mark."
    )

    def query(self) -> AnnotationQuery:
        data = self.validated_data
        return AnnotationQuery(
            projects=data.get("project", ()),
            documents=data.get("document", ()),
            label_types=data.get("label_type", ()),
            languages=data.get("language", ()),
            statuses=data.get("status") or annotation_statuses(None),
            comments=data["comments"],
        )

    def options(self, base_url: str) -> ExportOptions:
        return ExportOptions(bom=self.validated_data["bom"], base_url=base_url)


class TranslationExportQuerySerializer(ExportQuerySerializer):
    """Query parameters of ``GET /api/v1/export/translations/``."""

    format = FormatField(translation_exporter, choices=list(TRANSLATION_EXPORTERS))
    target = serializers.CharField(
        required=False, allow_blank=True, default="", help_text="Target language code."
    )
    source = ValuesField(help_text="Source language codes.")
    status = StatusField(
        translation_statuses,
        help_text="Comma-separated draft, edited, approved, rejected, or all (default: approved).",
    )

    def query(self) -> TranslationQuery:
        data = self.validated_data
        return TranslationQuery(
            target=data["target"].strip(),
            projects=data.get("project", ()),
            documents=data.get("document", ()),
            sources=data.get("source", ()),
            statuses=data.get("status") or translation_statuses(None),
        )
