"""Checks on a span before it is stored: offsets, quote, label type and attribute schema.

Each failure raises ``Invalid`` naming the offending field, so the API answers 400
with that field as the key.
"""

from typing import Any

from django.utils.translation import gettext as _
from jsonschema import Draft202012Validator
from jsonschema.exceptions import SchemaError

from workbench.annotation.models import LabelType
from workbench.common.errors import Invalid


def check_schema(schema: Any) -> None:
    """Raise ``Invalid`` on ``schema`` unless it is a valid draft 2020-12 JSON Schema."""
    if not isinstance(schema, dict):
        raise Invalid(_("The schema must be a JSON object."), field="schema")
    try:
        Draft202012Validator.check_schema(schema)
    except SchemaError as exc:
        raise Invalid(
            _("Not a valid JSON Schema: %(error)s") % {"error": exc.message}, field="schema"
        ) from None


def check_offsets(text: str, start: Any, end: Any) -> None:
    """Require integers with ``0 <= start < end <= len(text)`` (code points)."""
    for name, value in (("start", start), ("end", end)):
        if isinstance(value, bool) or not isinstance(value, int):
            raise Invalid(_("An integer is required."), field=name)
    if start < 0:
        raise Invalid(_("start must be 0 or more."), field="start")
    if end <= start:
        raise Invalid(_("end must be greater than start."), field="end")
    if end > len(text):
        raise Invalid(
            _("end %(end)d is past the end of the text (%(length)d code points).")
            % {"end": end, "length": len(text)},
            field="end",
        )


def check_quote(text: str, start: int, end: int, quote: Any) -> None:
    """Require ``quote`` to be exactly ``text[start:end]``."""
    expected = text[start:end]
    if quote != expected:
        raise Invalid(
            _("The quote does not match the text at %(start)d:%(end)d, which reads %(text)r.")
            % {"start": start, "end": end, "text": expected[:200]},
            field="quote",
        )


def check_span(text: str, start: Any, end: Any, quote: Any) -> None:
    """The offsets and the quote of a span of ``text`` together (``check_offsets`` first)."""
    check_offsets(text, start, end)
    check_quote(text, start, end, quote)


def active_label_type(label_type_id: Any) -> LabelType:
    """The active label type with this id, or an error on ``label_type``."""
    try:
        label_type = LabelType.objects.get(pk=int(label_type_id))
    except (LabelType.DoesNotExist, TypeError, ValueError):
        raise Invalid(
            _("There is no label type %(id)s.") % {"id": label_type_id}, field="label_type"
        ) from None
    if not label_type.is_active:
        raise Invalid(
            _("The label type %(name)s is not active.") % {"name": label_type.name},
            field="label_type",
        )
    return label_type


def check_attributes(label_type: LabelType, attributes: Any) -> None:
    """Require ``attributes`` to match the label type's JSON Schema."""
    if not isinstance(attributes, dict):
        raise Invalid(_("Attributes must be a JSON object."), field="attributes")
    validator = Draft202012Validator(label_type.schema or {})
    errors = sorted(validator.iter_errors(attributes), key=lambda e: list(e.absolute_path))
    if errors:
        error = errors[0]
        where = "/".join(str(part) for part in error.absolute_path) or _("(top level)")
        raise Invalid(
            _("%(where)s: %(error)s") % {"where": where, "error": error.message},
            field="attributes",
        )
