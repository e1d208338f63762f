"""``import_seeds [PATH ...] [--project NAME]``: import .txt and .md files into a project."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from workbench.common.actor import Actor
from workbench.common.errors import WorkbenchError
from workbench.corpus.importing import ALLOWED_SUFFIXES
from workbench.corpus.models import Project
from workbench.corpus.services import ImportStatus, document_import


def collect_files(paths: list[Path]) -> tuple[list[Path], list[str]]:
    """Every importable file under ``paths`` in name order, and a message per bad path."""
    files: list[Path] = []
    problems: list[str] = []
    for path in paths:
        if path.is_dir():
            found = sorted(
                p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in ALLOWED_SUFFIXES
            )
            if not found:
                problems.append(f"{path}: no .txt or .md files in this directory")
            files.extend(found)
        elif path.is_file():
            files.append(path)
        elif path.exists():
            problems.append(f"{path}: not a regular file")
        else:
            problems.append(f"{path}: no such file or directory")
    return files, problems


class Command(BaseCommand):
    requires_system_checks: list[str] = []
    help = "Import .txt and .md files (default: the seeds/ directory) as documents of a project."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("paths", nargs="*", type=Path, help="files or directories")
        parser.add_argument(
            "--project", default=None, help="project name (created if missing; default Seeds)"
        )

    def handle(self, *args, paths: list[Path], project: str | None, **options) -> None:
        paths = paths or [Path(settings.WORKBENCH_SEEDS_DIR)]
        project_name = project or settings.WORKBENCH_SEED_PROJECT
        target, _created = Project.objects.get_or_create(name=project_name)
        actor = Actor.system("import_seeds")
        files, failures = collect_files(paths)
        counts = {ImportStatus.CREATED: 0, ImportStatus.UNCHANGED: 0, ImportStatus.NEW_REVISION: 0}
        progress = tqdm(files, unit="file", disable=not files, file=self.stderr._out)
        for path in progress:
            progress.set_postfix_str(path.name)
            try:
                result = document_import(
                    actor=actor, project=target, name=path.name, data=path.read_bytes()
                )
            except (WorkbenchError, OSError) as exc:
                failures.append(f"{path}: {getattr(exc, 'message', exc)}")
                continue
            counts[result.status] += 1
            doc = result.document
            progress.write(
                f"{path.name}: {result.status} — document {doc.pk} rev {doc.revision}, "
                f"{doc.segments.count()} segments, language {doc.language}"
            )
        for failure in failures:
            self.stderr.write(self.style.ERROR(f"failed: {failure}"))
        self.stdout.write(
            f"Project {target.name}: {counts[ImportStatus.CREATED]} created, "
            f"{counts[ImportStatus.NEW_REVISION]} new revisions, "
            f"{counts[ImportStatus.UNCHANGED]} unchanged (already imported), "
            f"{len(failures)} failed."
        )
        if failures:
            raise CommandError(f"{len(failures)} path(s) could not be imported.")
