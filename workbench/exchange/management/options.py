"""Arguments shared by the export commands, and writing a stream to a file or stdout."""

from collections.abc import Iterator
from pathlib import Path

from django.core.management.base import CommandError, CommandParser, OutputWrapper
from django.utils.translation import gettext as _

from workbench.common.errors import WorkbenchError
from workbench.corpus.models import Project
from workbench.exchange.query import parse_ids


def add_scope_arguments(parser: CommandParser) -> None:
    """``--project`` (names or ids), ``--document`` (ids), ``--status`` and ``--output``."""
    parser.add_argument(
        "--project",
        action="append",
        default=[],
        help="project name or id (repeatable; default: every project)",
    )
    parser.add_argument("--document", action="append", default=[], help="document id (repeatable)")
    parser.add_argument(
        "--status", default=None, help="comma-separated statuses, or all (default: reviewed)"
    )
    parser.add_argument(
        "--output", "-o", required=True, help="file to write, or - for standard output"
    )


def project_ids(values: list[str]) -> tuple[int, ...]:
    """Ids of the projects named (or numbered) in ``values``; an unknown one is an error."""
    ids: list[int] = []
    for value in values:
        project = Project.objects.filter(name=value).first()
        if project is None and value.isdigit():
            project = Project.objects.filter(pk=int(value)).first()
        if project is None:
            raise CommandError(_("There is no project %(name)s.") % {"name": value})
        ids.append(project.pk)
    return tuple(ids)


def document_ids(values: list[str]) -> tuple[int, ...]:
    """Document ids from ``--document`` values."""
    try:
        return parse_ids(values, field="document")
    except WorkbenchError as exc:
        raise CommandError(exc.message) from None


def write_stream(chunks: Iterator[str], output: str, stdout: OutputWrapper) -> int:
    """Write every chunk to ``output`` (``-``: standard output) as UTF-8; return the bytes."""
    written = 0
    if output == "-":
        for chunk in chunks:
            stdout.write(chunk, ending="")
            written += len(chunk.encode("utf-8"))
        return written
    path = Path(output)
    partial = path.with_name(path.name + ".partial")
    try:
        with partial.open("wb") as handle:
            for chunk in chunks:
                data = chunk.encode("utf-8")
                handle.write(data)
                written += len(data)
        partial.replace(path)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return written
