"""The one normalisation an imported text goes through, and the map it makes of offsets.

``normalise`` removes a leading byte order mark, turns CRLF and CR line ends into LF and
applies NFC, and says which of these it did. Its ``offsets`` map a code point offset in the
text as given (a file's ``start`` and ``end``) to the same place in the text as stored. The
text is cut into pieces that normalise on their own (a character that cannot combine with
what comes before it starts a piece); an offset between two pieces has a place in the
stored text, an offset inside a piece that normalisation changed (between an alef and the
combining hamza NFC joins to it, or between CR and LF) has none.
"""

import functools
import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

BOM = "\ufeff"
#: Hangul vowels and final consonants, which compose with the syllable before them.
_HANGUL_TRAILING = ((0x1161, 0x1175), (0x11A8, 0x11C2))


class OffsetInside(ValueError):
    """An offset falls inside characters that normalisation joined or replaced."""

    def __init__(self, offset: int, start: int, end: int) -> None:
        super().__init__(
            _(
                "offset %(offset)d falls inside characters %(start)d:%(end)d, which the import "
                "normalises (NFC, line ends) into other characters"
            )
            % {"offset": offset, "start": start, "end": end}
        )
        self.offset = offset


@dataclass(frozen=True)
class OffsetMap:
    """Code point offsets in the original text to offsets in the normalised text.

    ``pieces`` lists the changed pieces as ``(start, end, new_start, new_end)``, in order;
    outside them the two texts are the same, shifted by what the pieces before changed.
    """

    pieces: tuple[tuple[int, int, int, int], ...] = ()
    length: int = 0
    new_length: int = 0
    _starts: tuple[int, ...] = field(default=(), compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_starts", tuple(piece[0] for piece in self.pieces))

    def __call__(self, offset: int) -> int:
        """Where ``offset`` is in the normalised text.

        Raises ``OffsetInside`` for an offset inside a changed piece. An offset outside the
        text stays as far outside it, so the checks on the stored text still refuse it.
        """
        if offset > self.length:
            return offset - self.length + self.new_length
        index = bisect_right(self._starts, offset) - 1
        if index < 0:
            return offset
        start, end, new_start, new_end = self.pieces[index]
        if offset == start:
            return new_start
        if offset < end:
            raise OffsetInside(offset, start, end)
        return offset - end + new_end

    @property
    def is_identity(self) -> bool:
        """Whether every offset stays where it is."""
        return not self.pieces


@dataclass(frozen=True)
class Normalised:
    """A text as the workbench stores it, what was done to get it, and the offset map."""

    text: str
    changes: list[str]
    offsets: OffsetMap


@functools.cache
def _composing_starters() -> frozenset[str]:
    """Characters of combining class 0 that NFC may join to the character before them."""
    found = set()
    for code in range(0x110000):
        decomposition = unicodedata.decomposition(chr(code))
        if decomposition and not decomposition.startswith("<"):
            parts = decomposition.split()
            if len(parts) == 2:
                second = chr(int(parts[1], 16))
                if unicodedata.combining(second) == 0:
                    found.add(second)
    for first, last in _HANGUL_TRAILING:
        found.update(chr(code) for code in range(first, last + 1))
    return frozenset(found)


def _stable(character: str) -> bool:
    """Whether normalisation leaves a boundary before ``character`` where it is."""
    return (
        unicodedata.combining(character) == 0
        and unicodedata.normalize("NFC", character) == character
        and character not in _composing_starters()
        and character not in "\r\n"
    )


def _piece_pattern(text: str) -> re.Pattern[str]:
    """A regex matching the pieces of ``text`` that may change: CR LF, CR, and every
    character that is not stable together with the stable character before it."""
    unstable = "".join(sorted(c for c in set(text) if c not in "\r\n" and not _stable(c)))
    if not unstable:
        return re.compile(r"\r\n?")
    cls = "[" + re.escape(unstable) + "]"
    return re.compile(rf"\r\n?|[^\r]{cls}+|{cls}+", re.S)


def _line_ends(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def normalise(text: str, *, bom: bool = True) -> Normalised:
    """``text`` without a leading BOM, with LF line ends and in NFC, and the offset map.

    ``bom=False`` keeps a leading U+FEFF, for a piece of text that does not start a file
    (a quote).
    """
    changes: list[str] = []
    stripped = text[1:] if bom and text.startswith(BOM) else text
    if stripped is not text:
        changes.append(_("removed the UTF-8 byte order mark"))
    crlf = stripped.count("\r\n")
    if crlf:
        changes.append(_("converted %(n)d CRLF line endings to LF") % {"n": crlf})
    lone_cr = stripped.count("\r") - crlf
    if lone_cr:
        changes.append(_("converted %(n)d CR line endings to LF") % {"n": lone_cr})
    unified = _line_ends(stripped)
    result = unicodedata.normalize("NFC", unified)
    if result != unified:
        changes.append(
            _("applied NFC normalisation (%(before)d to %(after)d code points)")
            % {"before": len(unified), "after": len(result)}
        )
    if result == text:
        identity = OffsetMap(length=len(text), new_length=len(text))
        return Normalised(text=result, changes=changes, offsets=identity)
    return Normalised(text=result, changes=changes, offsets=_offset_map(text, result, bom=bom))


def _offset_map(text: str, result: str, *, bom: bool) -> OffsetMap:
    """The pieces of ``text`` that normalise to something else, checked against ``result``."""
    pieces: list[tuple[int, int, int, int]] = []
    built: list[str] = []
    position = shift = 0
    if bom and text.startswith(BOM):
        pieces.append((0, 1, 0, 0))
        position, shift = 1, -1
    for match in _piece_pattern(text).finditer(text, position):
        original = match.group()
        changed = unicodedata.normalize("NFC", _line_ends(original))
        if changed == original:
            continue
        start, end = match.span()
        built.append(text[position:start])
        built.append(changed)
        pieces.append((start, end, start + shift, start + shift + len(changed)))
        shift += len(changed) - len(original)
        position = end
    built.append(text[position:])
    if "".join(built) != result:
        # Never expected: normalise the whole text as one piece rather than map wrongly.
        whole = ((0, len(text), 0, len(result)),)
        return OffsetMap(pieces=whole, length=len(text), new_length=len(result))
    return OffsetMap(pieces=tuple(pieces), length=len(text), new_length=len(result))
