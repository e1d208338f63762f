"""``import_annotations FILE.jsonl --project NAME``: re-import an exported JSONL file."""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

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

    def handle(self, *args, file: Path, project: str, skip_invalid: bool, user: str | None, **_):
        fallback = None
        if user is not None:
            fallback = get_user_model().objects.filter(username=user).first()
            if fallback is None:
                raise CommandError(f"There is no user {user}.")
        if not file.is_file():
            raise CommandError(f"{file}: no such file.")
        with file.open("rb") as handle:
            try:
                report = annotations_import(
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
            f"Project {report.project}: {report.documents_created} documents created, "
            f"{report.documents_matched} matched by SHA-256; {report.annotations_created} "
            f"annotations created ({report.annotations_existing} already there), "
            f"{report.reviews} reviews, {report.comments} comments, {report.links} links, "
            f"{report.overrides} language overrides; {len(report.errors)} lines skipped."
        )
        if report.members_added:
            self.stdout.write("Members added: " + ", ".join(report.members_added) + ".")
        if report.reattributed:
            self.stdout.write(f"{report.reattributed} items attributed to {user}.")

    def print_errors(self, report: ImportReport) -> None:
        for message in report.error_lines():
            self.stderr.write(self.style.ERROR(message))
