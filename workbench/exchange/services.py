"""Importing our JSONL back: documents, annotations, reviews, comments, links and overrides.

Everything is written through the owning apps' services (``document_import``,
``annotation_create``, ``annotation_review``, ``comment_create``, ``link_create``,
``segment_language_set``), so every check and audit entry applies as if people did it.
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
from workbench.annotation.models import Annotation, LabelType, Link, Status
from workbench.annotation.services import Decision
from workbench.annotation.validation import check_offsets, check_quote
from workbench.common.actor import Actor
from workbench.common.errors import Invalid, WorkbenchError
from workbench.corpus import services as corpus_services
from workbench.corpus.access import user_role
from workbench.corpus.models import Document, Project, Role
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
        self.actors: dict[tuple[int, str], Actor] = {}
        self.report = ImportReport(project=project.name)
        self.users: dict[str, AbstractBaseUser | None] = {}
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
        key = (user.pk, role)
        if key not in self.actors:
            held = user_role(user, self.project.pk)
            if held is None or Role.rank(held) < Role.rank(role):
                corpus_services.project_member_set(
                    actor=self.actor,
                    project=self.project,
                    username=user.get_username(),
                    role=role,
                )
                self.report.members_added.append(f"{user.get_username()} ({role})")
                held = role
            self.actors[key] = Actor(user=user, project_id=self.project.pk, role=held)
        return self.actors[key]

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
        by_key: dict[Any, Annotation] = {}
        for item in line.annotations:
            by_key[item.key] = self.annotation(document, item)
        for position, link in enumerate(line.links, start=1):
            self.link(position, link, by_key)
        for segment in line.segments:
            self.override(document, segment)

    def annotation(self, document: Document, item: AnnotationLine) -> Annotation:
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
        try:
            check_offsets(document.text, item.start, item.end)
            check_quote(document.text, item.start, item.end, item.quote)
        except WorkbenchError as exc:
            raise LineError(f"{what}: {exc.message}") from None
        author = self.user(item.author, what)
        existing = (
            Annotation.objects.alive()
            .filter(
                document=document,
                label_type=label_type,
                start=item.start,
                end=item.end,
                author=author,
                attributes=item.attributes,
            )
            .first()
        )
        if existing is not None:
            self.report.annotations_existing += 1
            return existing
        author_actor = self.ensure_role(author, Role.ANNOTATOR)
        annotation = self.call(
            what,
            annotation_services.annotation_create,
            actor=author_actor,
            document=document,
            label_type_id=label_type.pk,
            start=item.start,
            end=item.end,
            quote=item.quote,
            attributes=item.attributes,
        )
        self.report.annotations_created += 1
        for comment in item.comments:
            commenter = self.user(comment.get("author"), what)
            self.call(
                what,
                annotation_services.comment_create,
                actor=self.ensure_role(commenter, Role.ANNOTATOR),
                annotation=annotation,
                body=comment.get("body") or "",
            )
            self.report.comments += 1
        if item.status != Status.PENDING:
            reviewer = self.user(item.reviewed_by, what)
            reviewer_actor = self.ensure_role(reviewer, Role.REVIEWER)
            decision = Decision.ACCEPT if item.status == Status.ACCEPTED else Decision.REJECT
            annotation = self.call(
                what,
                annotation_services.annotation_review,
                actor=reviewer_actor,
                annotation=annotation,
                decision=decision,
                reason=item.review_reason,
            )
            self.report.reviews += 1
        return annotation

    def link(self, position: int, link: dict[str, Any], by_key: dict[Any, Annotation]) -> None:
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
        source, target = ends
        link_type = link.get("type")
        if Link.objects.filter(source=source, target=target, type=link_type).exists():
            return
        author = self.user(link.get("author"), what)
        self.call(
            what,
            annotation_services.link_create,
            actor=self.ensure_role(author, Role.ANNOTATOR),
            source=source,
            target=target,
            link_type=link_type,
        )
        self.report.links += 1

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
