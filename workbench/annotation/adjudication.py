"""The adjudication view of a document: each annotator's spans side by side per segment.

Overlapping live spans of one label type in one segment form a *group*; the group *agrees*
when every annotator of the document marked it with exactly the same offsets, and *differs*
otherwise. A reviewer settles a group with ``services.annotation_adjudicate``.
"""

from dataclasses import dataclass, field
from typing import Any

from workbench.annotation.models import Annotation
from workbench.corpus.models import Document


@dataclass
class Group:
    """Overlapping spans of one label type, from one or more annotators."""

    label_type: int
    label_type_name: str
    start: int
    end: int
    annotations: list[Annotation] = field(default_factory=list)

    def agrees(self, annotators: list[str]) -> bool:
        """Every annotator marked this span, all with the same offsets."""
        authors = {a.author.get_username() for a in self.annotations if a.author is not None}
        offsets = {(a.start, a.end) for a in self.annotations}
        return len(annotators) > 1 and authors == set(annotators) and len(offsets) == 1

    def variants(self) -> list[dict[str, Any]]:
        """The distinct offsets in the group and who marked each."""
        found: dict[tuple[int, int], list[str]] = {}
        for annotation in self.annotations:
            name = annotation.author.get_username() if annotation.author else ""
            found.setdefault((annotation.start, annotation.end), []).append(name)
        return [
            {"start": start, "end": end, "authors": sorted(names)}
            for (start, end), names in sorted(found.items())
        ]


def _groups(annotations: list[Annotation]) -> list[Group]:
    """Overlapping spans of the same label type, chained (A overlaps B overlaps C)."""
    groups: list[Group] = []
    open_by_type: dict[int, Group] = {}
    for annotation in sorted(annotations, key=lambda a: (a.start, a.end, a.pk)):
        group = open_by_type.get(annotation.label_type_id)
        if group is None or annotation.start >= group.end:
            group = Group(
                label_type=annotation.label_type_id,
                label_type_name=annotation.label_type.name,
                start=annotation.start,
                end=annotation.end,
            )
            groups.append(group)
            open_by_type[annotation.label_type_id] = group
        group.annotations.append(annotation)
        group.end = max(group.end, annotation.end)
    return sorted(groups, key=lambda g: (g.start, g.end, g.label_type_name))


def document_adjudication(*, document: Document) -> dict[str, Any]:
    """Annotators, and per segment that holds spans its groups (each span under the segment
    where it starts), over every live annotation of ``document`` whatever its status."""
    annotations = list(
        Annotation.objects.alive()
        .filter(document=document, author__isnull=False)
        .select_related("label_type", "author")
        .order_by("start", "end", "pk")
    )
    annotators = sorted({a.author.get_username() for a in annotations})
    segments = list(document.segments.order_by("index"))
    by_segment: dict[int, list[Annotation]] = {}
    position = 0
    for annotation in annotations:
        while position + 1 < len(segments) and segments[position].end <= annotation.start:
            position += 1
        if segments:
            by_segment.setdefault(position, []).append(annotation)
    rows = []
    for index, members in sorted(by_segment.items()):
        segment = segments[index]
        groups = _groups(members)
        rows.append(
            {
                "segment": segment,
                "text": document.text[segment.start : segment.end],
                "groups": [
                    {"group": group, "agrees": group.agrees(annotators)} for group in groups
                ],
            }
        )
    return {"annotators": annotators, "segments": rows}
