"""Importing our JSONL back: documents, annotations, reviews, comments, links and overrides.

Everything is written through the owning apps' services (``document_import``, the bulk
variants ``annotations_create_bulk``, ``annotations_review_bulk``, ``comments_create_bulk``
and ``links_create_bulk``, ``segment_language_set``), so every check and audit entry applies
as if people did it, and each rule lives in its app. Offsets in the file count code points
of the text as the file has it; they are mapped through the normalisation the stored text
went through (``workbench.corpus.normalising``) and the quote is checked on the mapped span.
The whole file is one transaction: any bad line rolls everything back, unless
``skip_invalid`` is set, in which case each bad line alone is rolled back and reported.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.utils.translation import gettext as _

from workbench.annotation import services as annotation_services
from workbench.annotation.models import Annotation, LabelType, Status
from workbench.annotation.services import Decision, SpanDraft
from workbench.annotation.validation import check_span
from workbench.common.actor import Actor
from workbench.common.errors import Invalid, NotFound, WorkbenchError
from workbench.corpus import services as corpus_services
from workbench.corpus.access import can_create_projects, user_role
from workbench.corpus.models import Document, Project, Role
from workbench.corpus.normalising import OffsetInside, OffsetMap, normalise
from workbench.exchange.importing import AnnotationLine, DocumentLine, LineError, parse_line


@dataclass
class ImportReport:
    """What an import did, and the lines it refused (with their numbers and reasons)."""

    project: str = ""
    documents_created: int = 0
    documents_matched: int = 0
    annotations_created: int = 0
    annotations_existing: int = 0
    reviews: int = 0
    comments: int = 0
    links: int = 0
    overrides: int = 0
    reattributed: int = 0
    members_added: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    errors: list[tuple[int, str]] = field(default_factory=list)

    def error_lines(self) -> list[str]:
        """``line N: reason`` for every refused line."""
        return [_("line %(n)d: %(reason)s") % {"n": n, "reason": r} for n, r in self.errors]


class ImportFailed(Invalid):
    """The file had bad lines and nothing was imported."""

    def __init__(self, report: ImportReport) -> None:
        super().__init__(
            _("%(n)d line(s) could not be imported; nothing was imported.")
            % {"n": len(report.errors)}
        )
        self.report = report


class _Importer:
    """The state of one import: the project, users by name, and the running report."""

    def __init__(self, actor: Actor, project: Project, fallback: AbstractBaseUser | None) -> None:
        self.actor = actor
        self.project = project
        self.fallback = fallback
        self.report = ImportReport(project=project.name)
        self.users: dict[str, AbstractBaseUser | None] = {}
        self.roles: dict[Any, str | None] = {}
        self.label_types = {label.name: label for label in LabelType.objects.all()}

    def user(self, username: str | None, what: str) -> AbstractBaseUser:
        """The user named ``username``, or the fallback user; an error when neither exists."""
        if username and username not in self.users:
            self.users[username] = get_user_model().objects.filter(username=username).first()
        found = self.users.get(username) if username else None
        if found is not None:
            return found
        if self.fallback is None:
            if username:
                raise LineError(
                    _(
                        "%(what)s: there is no user %(name)s here; create the account or "
                        "pass --user to attribute this work to someone else."
                    )
                    % {"what": what, "name": username}
                )
            raise LineError(
                _("%(what)s has no user; pass --user to attribute it to someone.") % {"what": what}
            )
        self.report.reattributed += 1
        return self.fallback

    def ensure_role(self, user: AbstractBaseUser, role: str) -> Actor:
        """Make ``user`` a member with at least ``role`` (never lowers a role); their actor.

        The membership is set by the importing actor, a moderator of the project.
        """
        if user.pk not in self.roles:
            self.roles[user.pk] = user_role(user, self.project.pk)
        held = self.roles[user.pk]
        if held is None or Role.rank(held) < Role.rank(role):
            corpus_services.project_member_set(
                actor=self.actor, project=self.project, username=user.get_username(), role=role
            )
            self.roles[user.pk] = held = role
            self.report.members_added.append(f"{user.get_username()} ({role})")
        return Actor(user=user, project_id=self.project.pk, role=held)

    def import_line(self, line: DocumentLine) -> None:
        result = self.call(
            _("the document"),
            corpus_services.document_import,
            actor=self.actor,
            project=self.project,
            name=line.source_name,
            data=line.text.encode("utf-8"),
        )
        document = result.document
        if result.status == corpus_services.ImportStatus.UNCHANGED:
            self.report.documents_matched += 1
        else:
            self.report.documents_created += 1
        offsets = normalise(line.text).offsets
        by_key = self.annotations(document, line.annotations, offsets)
        self.links(line.links, by_key)
        for segment in line.segments:
            self.override(document, segment)

    def annotations(
        self, document: Document, items: list[AnnotationLine], offsets: OffsetMap
    ) -> dict[Any, Annotation]:
        """Create the line's annotations (with their comments and reviews) through the
        annotation services, one bulk call per author, commenter and reviewer; returns the
        annotations by the file's keys, those found already there included."""
        drafts: dict[AbstractBaseUser, list[tuple[AnnotationLine, SpanDraft]]] = {}
        for item in items:
            what, draft = self.checked(document, item, offsets)
            author = self.user(item.author, what)
            drafts.setdefault(author, []).append((item, draft))
        found: dict[int, Annotation] = {}
        created: list[tuple[AnnotationLine, Annotation]] = []
        for author, batch in drafts.items():
            results = self.bulk(
                [item for item, _draft in batch],
                annotation_services.annotations_create_bulk,
                actor=self.ensure_role(author, Role.ANNOTATOR),
                document=document,
                drafts=[draft for _item, draft in batch],
                reuse_existing=True,
            )
            for (item, _draft), (annotation, is_new) in zip(batch, results, strict=True):
                found[item.position] = annotation
                if is_new:
                    created.append((item, annotation))
                    self.report.annotations_created += 1
                else:
                    self.report.annotations_existing += 1
        comments: dict[AbstractBaseUser, list[tuple[AnnotationLine, Annotation, str]]] = {}
        reviews: dict[AbstractBaseUser, list[tuple[AnnotationLine, Annotation, str, str]]] = {}
        for item, annotation in sorted(created, key=lambda pair: pair[0].position):
            what = item.describe()
            for comment in item.comments:
                commenter = self.user(comment.get("author"), what)
                comments.setdefault(commenter, []).append(
                    (item, annotation, comment.get("body") or "")
                )
            if item.status != Status.PENDING:
                reviewer = self.user(item.reviewed_by, what)
                decision = Decision.ACCEPT if item.status == Status.ACCEPTED else Decision.REJECT
                reviews.setdefault(reviewer, []).append(
                    (item, annotation, decision, item.review_reason)
                )
        for commenter, batch in comments.items():
            self.bulk(
                [item for item, *_rest in batch],
                annotation_services.comments_create_bulk,
                actor=self.ensure_role(commenter, Role.ANNOTATOR),
                comments=[(annotation, body) for _item, annotation, body in batch],
            )
            self.report.comments += len(batch)
        for reviewer, batch in reviews.items():
            self.bulk(
                [item for item, *_rest in batch],
                annotation_services.annotations_review_bulk,
                actor=self.ensure_role(reviewer, Role.REVIEWER),
                reviews=[
                    (annotation, decision, reason) for _i, annotation, decision, reason in batch
                ],
            )
            self.report.reviews += len(batch)
        return {item.key: found[item.position] for item in items}

    def checked(
        self, document: Document, item: AnnotationLine, offsets: OffsetMap
    ) -> tuple[str, SpanDraft]:
        """How errors name ``item``, and the draft for the annotation services: the offsets
        mapped onto the stored (normalised) text, the quote normalised the same way."""
        what = item.describe()
        label_type = self.label_types.get(item.label)
        if label_type is None:
            raise LineError(
                _("%(what)s: unknown label %(label)s.") % {"what": what, "label": item.label}
            )
        if item.status not in Status.values:
            raise LineError(
                _("%(what)s: unknown status %(status)s.") % {"what": what, "status": item.status}
            )
        start, end, quote = item.start, item.end, item.quote
        if _is_offset(start) and _is_offset(end) and not offsets.is_identity:
            try:
                start, end = offsets(start), offsets(end)
            except OffsetInside as exc:
                raise LineError(f"{what}: {exc}") from None
            if isinstance(quote, str):
                quote = normalise(quote, bom=item.start != 0).text
        try:
            # The services check this again; checking here first names a line's faults in
            # the order the file gives them (the span before the people it credits).
            check_span(document.text, start, end, quote)
        except WorkbenchError as exc:
            raise LineError(f"{what}: {exc.message}") from None
        draft = SpanDraft(
            label_type_id=label_type.pk,
            start=start,
            end=end,
            quote=quote,
            attributes=item.attributes,
        )
        return what, draft

    def links(self, links: list[dict[str, Any]], by_key: dict[Any, Annotation]) -> None:
        """Create the line's links through ``links_create_bulk``, one call per author; links
        that exist already are left as they are."""
        batches: dict[AbstractBaseUser, list[tuple[str, tuple[Annotation, Annotation, str]]]] = {}
        for position, link in enumerate(links, start=1):
            what = _("link %(n)d") % {"n": position}
            ends = []
            for end in ("source", "target"):
                key = link.get(end)
                if key not in by_key:
                    raise LineError(
                        _("%(what)s: its %(end)s %(key)s is not an annotation of this line.")
                        % {"what": what, "end": end, "key": key}
                    )
                ends.append(by_key[key])
            author = self.user(link.get("author"), what)
            batches.setdefault(author, []).append((what, (ends[0], ends[1], link.get("type"))))
        for author, batch in batches.items():
            results = self.bulk(
                [what for what, _link in batch],
                annotation_services.links_create_bulk,
                actor=self.ensure_role(author, Role.ANNOTATOR),
                links=[link for _what, link in batch],
                skip_existing=True,
            )
            self.report.links += sum(result is not None for result in results)

    def override(self, document: Document, segment: dict[str, Any]) -> None:
        language = segment.get("language_override") or ""
        if not language:
            return
        stored = document.segments.filter(
            index=segment.get("index"), start=segment.get("start"), end=segment.get("end")
        ).first()
        if stored is None:
            self.report.warnings.append(
                _(
                    "%(name)s: segment %(index)s is not where the file says; its language "
                    "override %(language)s was not applied."
                )
                % {
                    "name": document.source_name,
                    "index": segment.get("index"),
                    "language": language,
                }
            )
            return
        if stored.language_override == language:
            return
        what = _("segment %(index)s") % {"index": stored.index}
        reviewer = self.user(segment.get("override_by"), what)
        self.call(
            what,
            annotation_services.segment_language_set,
            actor=self.ensure_role(reviewer, Role.REVIEWER),
            segment=stored,
            language=language,
        )
        self.report.overrides += 1

    @staticmethod
    def call(what: str, service: Any, **kwargs: Any) -> Any:
        """Run a service, turning its refusal into a ``LineError`` that names the object."""
        try:
            return service(**kwargs)
        except WorkbenchError as exc:
            field_name = f"{exc.field}: " if exc.field else ""
            raise LineError(f"{what}: {field_name}{exc.message}") from None
        except (PermissionDenied, Http404) as exc:
            raise LineError(f"{what}: {exc}") from None

    @classmethod
    def bulk(cls, names: list[Any], service: Any, **kwargs: Any) -> Any:
        """Run a bulk service; a refused item becomes a ``LineError`` naming that item
        (``names`` gives, in order, each item's description or its annotation line)."""
        try:
            return service(**kwargs)
        except annotation_services.ItemRefused as exc:
            name = names[exc.index]
            what = name.describe() if isinstance(name, AnnotationLine) else name
            field_name = f"{exc.field}: " if exc.field else ""
            raise LineError(f"{what}: {field_name}{exc.message}") from None
        except WorkbenchError as exc:
            raise LineError(f"{cls.describe_all(names)}: {exc.message}") from None
        except (PermissionDenied, Http404) as exc:
            raise LineError(f"{cls.describe_all(names)}: {exc}") from None

    @staticmethod
    def describe_all(names: list[Any]) -> str:
        first = names[0]
        return first.describe() if isinstance(first, AnnotationLine) else first


def _is_offset(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def annotations_import(
    *,
    actor: Actor,
    project_name: str,
    lines: Iterable[str | bytes],
    fallback_user: AbstractBaseUser | None = None,
    skip_invalid: bool = False,
) -> ImportReport:
    """Import a JSONL file (ours, or doccano's) into the project named ``project_name``.

    ``actor`` must moderate the project (the management command passes a system actor); a
    missing project is created, with the acting user as its moderator. Authors, reviewers and
    commenters are kept by username where the account exists, and get the role their work
    needs in the project; work of a missing account goes to ``fallback_user``, or the line is
    refused. Raises ``ImportFailed`` (and imports nothing) when a line is bad, unless
    ``skip_invalid``.
    """
    name = project_name.strip()
    project = Project.objects.filter(name=name).first()
    if project is not None:
        actor.require(Role.MODERATOR, project_id=project.pk)
    elif not can_create_projects(actor):
        # The same answer as for a project the actor does not belong to.
        raise NotFound(_("Not found."))
    with transaction.atomic():
        if project is None:
            project = corpus_services.project_create(actor=actor, name=name)
            if not actor.is_system:
                actor = Actor(user=actor.user, project_id=project.pk, role=Role.MODERATOR)
        importer = _Importer(actor, project, fallback_user)
        for number, raw in enumerate(lines, start=1):
            try:
                with transaction.atomic():
                    line = parse_line(raw, number)
                    if line is not None:
                        importer.import_line(line)
            except LineError as exc:
                importer.report.errors.append((number, exc.message))
        if importer.report.errors and not skip_invalid:
            raise ImportFailed(importer.report)
    return importer.report
