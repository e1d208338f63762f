"""The JSON values the audit trail stores as ``before`` and ``after`` for annotations and links."""

from typing import Any

from workbench.annotation.models import Annotation, Link


def _iso(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


def annotation_snapshot(annotation: Annotation) -> dict[str, Any]:
    """The values of an annotation that an edit, review, deletion or restore may change."""
    return {
        "label_type": annotation.label_type_id,
        "start": annotation.start,
        "end": annotation.end,
        "quote": annotation.quote,
        "attributes": annotation.attributes,
        "status": annotation.status,
        "review_reason": annotation.review_reason,
        "reviewed_by": annotation.reviewed_by_id,
        "reviewed_at": _iso(annotation.reviewed_at),
        "deleted_at": _iso(annotation.deleted_at),
        "deleted_by": annotation.deleted_by_id,
        "version": annotation.version,
    }


def link_snapshot(link: Link) -> dict[str, Any]:
    """A link as stored in the audit trail of its source annotation."""
    return {"link": link.pk, "type": link.type, "source": link.source_id, "target": link.target_id}
