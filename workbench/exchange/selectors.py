"""Reads for exports: what a user may export, streamed in document batches as plain data.

``annotation_export_source`` and ``translation_export_source`` check access when they are
called (outsiders' project and document ids get 404, unknown values 400), so a door can turn
errors into responses before streaming begins. The rows themselves are read lazily, a batch
of documents at a time, with ``values()`` querysets walked by ``iterator(chunk_size=...)``;
nothing holds the whole export in memory.
"""

from collections import defaultdict
from collections.abc import Iterator
from datetime import UTC, datetime
from itertools import islice
from json import loads
from typing import Any

from django.db.models import CharField, Exists, F, OuterRef, Q, QuerySet, TextField
from django.db.models.functions import Cast
from django.utils.translation import gettext as _

from workbench.annotation.models import Annotation, Comment, LabelType, Link
from workbench.annotation.selectors import segment_language_q
from workbench.common.actor import Actor
from workbench.common.errors import Invalid
from workbench.common.fields import parse_id
from workbench.corpus.access import User, access_document, access_project, visible_projects
from workbench.corpus.models import Document, Project, Segment
from workbench.exchange.query import AnnotationQuery, TranslationQuery
from workbench.translation.models import Translation

#: Documents read per batch; their annotations, links, comments and segments come in one query each.
DOCUMENT_BATCH = 100
#: Rows fetched from the database cursor at a time.
CHUNK_SIZE = 2000


def batches(rows: Iterator[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    """Consecutive lists of up to ``size`` rows."""
    while batch := list(islice(rows, size)):
        yield batch


def json_text(field: str) -> Cast:
    """A JSON column read as its text, to decode with ``json.loads``.

    Django's JSONField converter costs several times the decoding itself per value; exports
    read hundreds of thousands of them.
    """
    return Cast(field, output_field=TextField())


def timestamp_text(field: str) -> Cast:
    """A datetime column read as the database's text, for ``iso_text``.

    The text is the stored UTC time (``2026-01-02 03:04:05.678901`` on SQLite,
    ``…+00`` on PostgreSQL, whose session Django keeps in UTC); converting it with
    ``datetime.fromisoformat`` costs a fraction of Django's converter.
    """
    return Cast(field, output_field=CharField())


def iso_text(raw: str | None) -> str | None:
    """ISO 8601 with its UTC offset from a timestamp's stored text, as ``isoformat()`` writes.

    SQLite's text (``str()`` of the naive UTC time, 19 or 26 characters) is rewritten as a
    string; anything else (PostgreSQL's ``…+00``) is parsed by ``datetime``.
    """
    if raw is None:
        return None
    if len(raw) in (19, 26) and raw[10] == " ":
        return f"{raw[:10]}T{raw[11:]}+00:00"
    value = datetime.fromisoformat(raw)
    return (value if value.tzinfo else value.replace(tzinfo=UTC)).isoformat()


def decode_all(texts: list[str | None]) -> list[Any]:
    """Decode many JSON texts with one ``json.loads`` over an array of them.

    One call over a batch costs a fraction of a call per value, which exports make by the
    hundred thousand.
    """
    return loads("[" + ",".join("null" if text is None else text for text in texts) + "]")


def iso(value: datetime | None) -> str | None:
    """A datetime as ISO 8601 text, or ``None``."""
    return value.isoformat() if value is not None else None


#: Who reads an export: a signed-in user (the API, the admin), or a system actor (a command).
Reader = User | Actor


def _scope(reader: Reader, projects: tuple[int, ...], documents: tuple[int, ...]) -> dict:
    """Filter kwargs on ``Document`` for the projects and documents ``reader`` may export.

    A system actor (the management commands) reads every project, but ids must exist. A
    user reads their own projects: an id outside them is a 404, like everywhere in the API.
    """
    if reader is None:
        raise TypeError("an export needs a reader: a user or a system actor, never None")
    if isinstance(reader, Actor) and not reader.is_system:
        reader = reader.user
    user = None if isinstance(reader, Actor) else reader
    for project_id in projects:
        if user is not None:
            access_project(user, project_id)
        elif not Project.objects.filter(pk=project_id).exists():
            raise Invalid(_("There is no project %(id)s.") % {"id": project_id}, field="project")
    for document_id in documents:
        if user is not None:
            access_document(user, document_id)
        elif not Document.objects.filter(pk=document_id).exists():
            raise Invalid(_("There is no document %(id)s.") % {"id": document_id}, field="document")
    scope: dict[str, Any] = {}
    if user is not None:
        scope["project__in"] = visible_projects(user)
    if projects:
        scope["project_id__in"] = projects
    if documents:
        scope["pk__in"] = documents
    return scope


def label_type_ids(values: tuple[str, ...]) -> tuple[int, ...]:
    """Label types named (or numbered) in ``values``; an unknown one is an error."""
    ids: list[int] = []
    for value in values:
        condition = Q(name=value)
        number = parse_id(value)
        if number is not None:
            condition |= Q(pk=number)
        found = list(LabelType.objects.filter(condition).values_list("pk", flat=True)[:1])
        if not found:
            raise Invalid(_("Unknown label type %(value)s.") % {"value": value}, field="label_type")
        ids.append(found[0])
    return tuple(ids)


class AnnotationExportSource:
    """The documents and annotations one export covers, read lazily in document batches."""

    def __init__(self, *, reader: Reader, query: AnnotationQuery) -> None:
        self.query = query
        self._document_scope = _scope(reader, query.projects, query.documents)
        self._label_type_ids = label_type_ids(query.label_types)

    def annotations(self) -> QuerySet[Annotation]:
        """Live annotations of the scope that match the statuses, types and languages."""
        queryset = Annotation.objects.alive().filter(
            document__in=Document.objects.filter(**self._document_scope),
            status__in=self.query.statuses,
        )
        if self._label_type_ids:
            queryset = queryset.filter(label_type_id__in=self._label_type_ids)
        if self.query.languages:
            language_q = Q()
            for language in self.query.languages:
                language_q |= segment_language_q(language)
            queryset = queryset.filter(language_q)
        return queryset

    def count(self) -> int:
        """How many annotations the export holds."""
        return self.annotations().count()

    def attribute_names(self) -> list[str]:
        """Attribute names declared by the exported label types' schemas, sorted."""
        types = LabelType.objects.all()
        if self._label_type_ids:
            types = types.filter(pk__in=self._label_type_ids)
        names: set[str] = set()
        for schema in types.values_list("schema", flat=True):
            names.update((schema or {}).get("properties", {}).keys())
        return sorted(names)

    def _documents(self, *, with_text: bool) -> QuerySet:
        queryset = Document.objects.filter(**self._document_scope)
        if self.query.narrows_annotations:
            queryset = queryset.filter(
                Exists(self.annotations().filter(document_id=OuterRef("pk")))
            )
        fields = ["id", "source_name", "title", "revision", "sha256", "language"]
        if with_text:
            fields.append("text")
        return queryset.order_by("project_id", "source_name", "revision", "pk").values(
            *fields, project_name=F("project__name")
        )

    def documents(
        self, *, with_text: bool = True, with_segments: bool = False
    ) -> Iterator[dict[str, Any]]:
        """One dict per document: its fields, ``annotations``, ``links`` and maybe ``segments``.

        Without a type or language filter every document of the scope comes out, annotated or
        not, so the JSONL export is a complete backup. With one, only documents that have a
        matching annotation do.
        """
        rows = self._documents(with_text=with_text).iterator(chunk_size=DOCUMENT_BATCH)
        for batch in batches(rows, DOCUMENT_BATCH):
            yield from self._records(batch, with_segments=with_segments)

    def _records(
        self, batch: list[dict[str, Any]], *, with_segments: bool
    ) -> Iterator[dict[str, Any]]:
        """The records of one batch of documents.

        A generator of its own, so the batch's rows are freed before the next batch is read
        and at most one batch is ever in memory.
        """
        ids = [row["id"] for row in batch]
        annotations = self._annotations_by_document(ids)
        links = _links(ids, annotations)
        segments = _batch_segments(ids) if with_segments else {}
        for row in batch:
            yield {
                **row,
                "annotations": annotations.get(row["id"], []),
                "links": links.get(row["id"], []),
                "segments": segments.get(row["id"], []),
            }

    def _annotations_by_document(self, document_ids: list[int]) -> dict[int, list[dict[str, Any]]]:
        comments = _comments(document_ids) if self.query.comments else {}
        rows = (
            self.annotations()
            .filter(document_id__in=document_ids)
            .order_by("document_id", "start", "end", "pk")
            .values_list(
                "id",
                "document_id",
                "label_type__name",
                "start",
                "end",
                "quote",
                json_text("attributes"),
                "status",
                "author__username",
                timestamp_text("created_at"),
                "reviewed_by__username",
                timestamp_text("reviewed_at"),
                "review_reason",
            )
            .iterator(chunk_size=CHUNK_SIZE)
        )
        rows = list(rows)
        attributes_of = decode_all([row[6] for row in rows])
        by_document: dict[int, list[dict[str, Any]]] = defaultdict(list)
        for (
            pk,
            document_id,
            label,
            start,
            end,
            quote,
            _attributes_text,
            status,
            author,
            created_at,
            reviewer,
            reviewed_at,
            reason,
        ), attributes in zip(rows, attributes_of, strict=True):
            annotation = {
                "id": pk,
                "label": label,
                "start": start,
                "end": end,
                "quote": quote,
                "attributes": attributes,
                "status": status,
                "author": author,
                "created_at": iso_text(created_at),
                "reviewed_by": reviewer,
                "reviewed_at": iso_text(reviewed_at),
                "review_reason": reason,
            }
            if self.query.comments:
                annotation["comments"] = comments.get(pk, [])
            by_document[document_id].append(annotation)
        return by_document


def _links(
    document_ids: list[int], annotations: dict[int, list[dict[str, Any]]]
) -> dict[int, list[dict[str, Any]]]:
    """Links of the documents whose both ends are among ``annotations``, by document id.

    Links are read by document (one indexed query) and kept when both ends are exported; they
    are ordered by their source's place, type and target's place, so two exports of the same
    data list them alike whatever their ids.
    """
    rows = list(
        Link.objects.filter(source__document_id__in=document_ids)
        .values("id", "type", "source_id", "target_id", author_name=F("author__username"))
        .iterator(chunk_size=CHUNK_SIZE)
    )
    ends = {row["source_id"] for row in rows} | {row["target_id"] for row in rows}
    positions = {
        annotation["id"]: (document_id, place)
        for document_id, items in annotations.items()
        for place, annotation in enumerate(items)
        if annotation["id"] in ends
    }
    by_document: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        source, target = positions.get(row["source_id"]), positions.get(row["target_id"])
        if source is None or target is None:
            continue
        by_document[source[0]].append(
            {
                "id": row["id"],
                "type": row["type"],
                "source": row["source_id"],
                "target": row["target_id"],
                "author": row["author_name"],
            }
        )
    for links in by_document.values():
        links.sort(
            key=lambda link: (positions[link["source"]], link["type"], positions[link["target"]])
        )
    return by_document


def _comments(document_ids: list[int]) -> dict[int, list[dict[str, Any]]]:
    """The comment threads of the documents' annotations, oldest first, by annotation id."""
    rows = (
        Comment.objects.filter(annotation__document_id__in=document_ids)
        .order_by("annotation_id", "created_at", "pk")
        .values("annotation_id", "body", "created_at", author_name=F("author__username"))
        .iterator(chunk_size=CHUNK_SIZE)
    )
    by_annotation: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        by_annotation[row["annotation_id"]].append(
            {
                "author": row["author_name"],
                "body": row["body"],
                "created_at": iso(row["created_at"]),
            }
        )
    return by_annotation


def _batch_segments(document_ids: list[int]) -> dict[int, list[dict[str, Any]]]:
    """The segments of the given documents in order, with languages, runs and overrides."""
    rows = (
        Segment.objects.filter(document_id__in=document_ids)
        .order_by("document_id", "index")
        .values_list(
            "document_id",
            "index",
            "start",
            "end",
            "kind",
            "language",
            json_text("languages"),
            json_text("runs"),
            "language_override",
            "override_by__username",
        )
        .iterator(chunk_size=CHUNK_SIZE)
    )
    rows = list(rows)
    decoded = iter(decode_all([text for row in rows for text in (row[6], row[7])]))
    by_document: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for document_id, index, start, end, kind, language, _languages, _runs, override, by in rows:
        by_document[document_id].append(
            {
                "index": index,
                "start": start,
                "end": end,
                "kind": kind,
                "language": language,
                "languages": next(decoded),
                "runs": next(decoded),
                "language_override": override,
                "override_by": by,
            }
        )
    return by_document


def annotation_export_source(*, reader: Reader, query: AnnotationQuery) -> AnnotationExportSource:
    """What ``reader`` exports for ``query``; checks access now."""
    return AnnotationExportSource(reader=reader, query=query)


class TranslationExportSource:
    """Translations of one target language, in document, source language and segment order."""

    def __init__(self, *, reader: Reader, query: TranslationQuery) -> None:
        if not query.target:
            raise Invalid(_("Say which target language to export."), field="target")
        self.query = query
        self._document_scope = _scope(reader, query.projects, query.documents)

    def translations(self) -> QuerySet[Translation]:
        """The translations the export holds."""
        queryset = Translation.objects.filter(
            segment__document__in=Document.objects.filter(**self._document_scope),
            target=self.query.target,
            status__in=self.query.statuses,
        )
        if self.query.sources:
            queryset = queryset.filter(source__in=self.query.sources)
        return queryset

    def count_matching(self, regex: str) -> int:
        """How many exported translations hold ``regex`` in their text or their segment's."""
        return (
            self.translations().filter(Q(text__regex=regex) | Q(segment__text__regex=regex)).count()
        )

    def source_languages(self) -> list[str]:
        """The distinct source languages of the exported translations, sorted."""
        return sorted(
            set(self.translations().order_by().values_list("source", flat=True).distinct())
        )

    def rows(self) -> Iterator[dict[str, Any]]:
        """One dict per translation with its segment's text and its document's name."""
        rows = (
            self.translations()
            .order_by(
                "segment__document__project_id",
                "segment__document__source_name",
                "segment__document__revision",
                "segment__document_id",
                "source",
                "segment__index",
            )
            .values(
                "id",
                "source",
                "target",
                "text",
                "status",
                "origin",
                "engine",
                "package_code",
                "package_version",
                "created_at",
                "reviewed_at",
                document_id=F("segment__document_id"),
                source_name=F("segment__document__source_name"),
                revision=F("segment__document__revision"),
                project_name=F("segment__document__project__name"),
                segment_index=F("segment__index"),
                source_text=F("segment__text"),
                reviewer_name=F("reviewed_by__username"),
                editor_name=F("edited_by__username"),
            )
            .iterator(chunk_size=CHUNK_SIZE)
        )
        yield from rows


def translation_export_source(
    *, reader: Reader, query: TranslationQuery
) -> TranslationExportSource:
    """What ``reader`` exports for ``query``; checks access now."""
    return TranslationExportSource(reader=reader, query=query)
