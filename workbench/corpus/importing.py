"""Turning uploaded bytes into the exact text a document stores.

Rejects what is not text with a precise message, and records every change it makes:
a removed byte order mark, converted line endings and NFC normalisation (all made by
``workbench.corpus.normalising.normalise``).
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.utils.translation import gettext as _

from workbench.common.errors import Invalid, TooLarge
from workbench.corpus.normalising import normalise

ALLOWED_SUFFIXES = (".txt", ".md")
_BINARY_SAMPLE = 8192


@dataclass
class DecodedText:
    """Text ready to store, with the list of changes made to get it."""

    text: str
    changes: list[str] = field(default_factory=list)


def check_name(name: str) -> None:
    """Reject file names whose suffix is not an importable text format."""
    if not name.lower().endswith(ALLOWED_SUFFIXES):
        raise Invalid(
            _("%(name)s is not a .txt or .md file.") % {"name": name or _("The file")},
            field="file",
        )


def check_size(size: int, name: str) -> None:
    """Reject empty files and files over ``WORKBENCH_MAX_UPLOAD_BYTES``."""
    limit = settings.WORKBENCH_MAX_UPLOAD_BYTES
    if size == 0:
        raise Invalid(_("%(name)s is empty.") % {"name": name}, field="file")
    if size > limit:
        raise TooLarge(
            _("%(name)s is %(size)d bytes; the limit is %(limit)d bytes.")
            % {"name": name, "size": size, "limit": limit},
            field="file",
        )


def decode(data: bytes, name: str) -> DecodedText:
    """Decode and normalise file contents, or raise ``Invalid`` saying why not."""
    check_size(len(data), name)
    if b"\x00" in data[:_BINARY_SAMPLE] or b"\x00" in data:
        raise Invalid(
            _("%(name)s looks like a binary file (it contains NUL bytes), not text.")
            % {"name": name},
            field="file",
        )
    skipped = 3 if data.startswith(b"\xef\xbb\xbf") else 0
    try:
        raw = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise Invalid(
            _("%(name)s is not valid UTF-8: byte 0x%(byte)02x at position %(pos)d.")
            % {"name": name, "byte": data[exc.start], "pos": exc.start - skipped},
            field="file",
        ) from None
    normalised = normalise(raw)
    text, changes = normalised.text, normalised.changes
    if not text.strip():
        raise Invalid(_("%(name)s contains no text.") % {"name": name}, field="file")
    return DecodedText(text=text, changes=changes)


def title_from_text(text: str, fallback: str) -> str:
    """The first non-empty line, without Markdown heading or emphasis marks."""
    for line in text.splitlines():
        title = line.strip().lstrip("#").strip().strip("*_").strip()
        if title:
            return title[:300]
    return fallback[:300]
