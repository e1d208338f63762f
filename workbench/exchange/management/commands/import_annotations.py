"""``import_annotations FILE.jsonl --project NAME``: re-import an exported JSONL file."""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from workbench.common.actor import Actor
from workbench.exchange.services import ImportFailed, ImportReport, annotations_import


class Command(BaseCommand):
    requires_system_checks: list[str] = []
    help = (
        "Import a JSONL export (or a doccano JSONL file) into a project: documents (matched by "
        "SHA-256), annotations with their reviews, comments and links, and language overrides. "
        "The whole file is one transaction unless --skip-invalid is given."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="a .jsonl file, one document per line")
        parser.add_argument("--project", required=True, help="project name (created if missing)")
        parser.add_argument(
            "--skip-invalid",
            action="store_true",
            help="import the good lines and report the bad ones instead of importing nothing",
        )
        parser.add_argument(
            "--user",
            default=None,
            help="attribute work of users that do not exist here to this user",
        )

    def handle(
        self, *args, file: Path, project: str, skip_invalid: bool, user: str | None, **options
    ):
        fallback = None
        if user is not None:
            fallback = get_user_model().objects.filter(username=user).first()
            if fallback is None:
                raise CommandError(_("There is no user %(name)s.") % {"name": user})
        if not file.is_file():
            raise CommandError(_("%(path)s: no such file.") % {"path": file})
        with file.open("rb") as handle:
            try:
                report = annotations_import(
                    actor=Actor.system("import_annotations"),
                    project_name=project,
                    lines=handle,
                    fallback_user=fallback,
                    skip_invalid=skip_invalid,
                )
            except ImportFailed as exc:
                self.print_errors(exc.report)
                raise CommandError(exc.message) from None
        self.print_errors(report)
        for warning in report.warnings:
            self.stderr.write(self.style.WARNING(warning))
        self.stdout.write(
            _(
                "Project %(project)s: %(created)d documents created, %(matched)d matched by "
                "SHA-256; %(annotations)d annotations created (%(existing)d already there), "
                "%(reviews)d reviews, %(comments)d comments, %(links)d links, %(overrides)d "
                "language overrides; %(skipped)d lines skipped."
            )
            % {
                "project": report.project,
                "created": report.documents_created,
                "matched": report.documents_matched,
                "annotations": report.annotations_created,
                "existing": report.annotations_existing,
                "reviews": report.reviews,
                "comments": report.comments,
                "links": report.links,
                "overrides": report.overrides,
                "skipped": len(report.errors),
            }
        )
        if report.members_added:
            self.stdout.write(
                _("Members added: %(members)s.") % {"members": ", ".join(report.members_added)}
            )
        if report.reattributed:
            self.stdout.write(
                _("%(n)d items attributed to %(user)s.") % {"n": report.reattributed, "user": user}
            )

    def print_errors(self, report: ImportReport) -> None:
        for message in report.error_lines():
            self.stderr.write(self.style.ERROR(message))
