"""``detect_language [FILE]``: print the language of every line of a UTF-8 text as JSON lines.

The lines of one input are detected together as one document (the same ``detect_segments``
call the import makes), and every output object's offsets count code points of its line.
"""

import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext_lazy as _

from workbench.language.detection import detect_segments


def split_lines(text: str) -> list[str]:
    """The lines of ``text`` without their ``\\n`` or ``\\r\\n`` terminators."""
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return [line.removesuffix("\r") for line in lines]


def decode(data: bytes, source: str) -> str:
    """``data`` decoded as UTF-8 (a byte order mark is dropped), or a ``CommandError``."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise CommandError(
            _("%(source)s is not UTF-8 text: invalid byte at line %(line)d, offset %(offset)d.")
            % {"source": source, "line": line, "offset": error.start}
        ) from error


class Command(BaseCommand):
    help = _(
        "Detect the language of each line of FILE (or standard input) and print one JSON "
        "object per line: text, language, languages, runs, confidence."
    )
    stealth_options = ("stdin",)

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "file", nargs="?", help=_("UTF-8 text file to read; standard input when omitted.")
        )

    def handle(self, *args, file: str | None = None, **options) -> None:
        text = self.read(file, options.get("stdin") or sys.stdin)
        lines = split_lines(text)
        for line, detection in zip(lines, detect_segments(lines), strict=True):
            record = {"text": line, **detection.as_dict()}
            self.stdout.write(json.dumps(record, ensure_ascii=False))

    def read(self, file: str | None, stdin) -> str:
        """The whole input as text."""
        if file is None or file == "-":
            buffer = getattr(stdin, "buffer", None)
            return decode(buffer.read(), _("standard input")) if buffer else stdin.read()
        path = Path(file)
        if not path.exists():
            raise CommandError(_("%(path)s does not exist.") % {"path": file})
        if not path.is_file():
            raise CommandError(_("%(path)s is not a file.") % {"path": file})
        try:
            data = path.read_bytes()
        except OSError as error:
            raise CommandError(
                _("%(path)s cannot be read: %(error)s") % {"path": file, "error": error}
            ) from error
        return decode(data, file)
