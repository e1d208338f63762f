"""Run-aware drafts: translate only the parts of a segment written in the source language.

A segment's language runs (from ``workbench.language.detection``) are cut into pieces. Pieces
in the source language and in one of its scripts are translated. Everything else passes
through unchanged and in place: runs in another language or script, Latin names embedded in
Arabic, the addresses of ``workbench.language.addresses``, numbers, whitespace and punctuation.
All pieces of all segments go to the engine in one batch.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from workbench.language.addresses import ADDRESS_PATTERN
from workbench.language.codes import scripts_of

from .engines.base import Engine, Route

_ALWAYS_KEEP = ADDRESS_PATTERN + r"|\d+(?:[.,:/٫٬-]\d+)*"  # addresses and numbers in any digits
_LATIN_WORDS = r"|[A-Za-z][A-Za-z0-9'’.&-]*(?:\s+[A-Za-z][A-Za-z0-9'’.&-]*)*"
_KEEP = re.compile(_ALWAYS_KEEP, re.IGNORECASE)
_KEEP_WITH_LATIN = re.compile(_ALWAYS_KEEP + _LATIN_WORDS, re.IGNORECASE)
_HAS_LETTER = re.compile(r"[^\W\d_]")
#: Characters moved out of the front of a translated piece (spaces, closing punctuation).
_LEADING_NOISE = " \t\n\r\u00a0.,;:!?)]}،؛"


@dataclass(frozen=True)
class Piece:
    """A slice of a segment's text, translated or passed through unchanged."""

    text: str
    translate: bool


@dataclass(frozen=True)
class Draft:
    """The machine draft of one segment; ``route`` is None when nothing needed translating."""

    text: str
    route: Route | None
    translated_pieces: int


def _split_translatable(text: str, source: str) -> list[Piece]:
    """Cut pass-through tokens (URLs, numbers, Latin names in non-Latin text) out of ``text``."""
    pattern = _KEEP if "Latn" in scripts_of(source) else _KEEP_WITH_LATIN
    pieces: list[Piece] = []
    position = 0
    for match in pattern.finditer(text):
        if match.start() > position:
            pieces.append(Piece(text[position : match.start()], True))
        pieces.append(Piece(match.group(), False))
        position = match.end()
    if position < len(text):
        pieces.append(Piece(text[position:], True))
    result: list[Piece] = []
    for piece in pieces:
        if not piece.translate:
            result.append(piece)
            continue
        core = piece.text.strip()
        if not core or not _HAS_LETTER.search(core):
            result.append(Piece(piece.text, False))
            continue
        lead = piece.text[: len(piece.text) - len(piece.text.lstrip(_LEADING_NOISE))]
        core = piece.text[len(lead) :].rstrip()
        trail = piece.text[len(lead) + len(core) :]
        result.extend(
            p for p in (Piece(lead, False), Piece(core, True), Piece(trail, False)) if p.text
        )
    return result


def split_pieces(text: str, runs: Sequence[dict] | None, *, source: str) -> list[Piece]:
    """Cut ``text`` into pieces; only source-language text in the source's script is translated.

    ``runs`` are detection runs (``start``, ``end``, ``language``, ``script``). Without runs the
    whole text counts as one run in ``source``. Adjacent pieces of the same kind are merged.
    """
    scripts = scripts_of(source)
    if not runs:
        runs = [{"start": 0, "end": len(text), "language": source}]
    raw: list[Piece] = []
    position = 0
    for run in sorted(runs, key=lambda r: r["start"]):
        start, end = max(int(run["start"]), position), int(run["end"])
        if start > position:
            raw.append(Piece(text[position:start], False))
        if end <= start:
            continue
        chunk = text[start:end]
        script = run.get("script")
        if run.get("language") == source and (script is None or script in scripts):
            raw.extend(_split_translatable(chunk, source))
        else:
            raw.append(Piece(chunk, False))
        position = end
    if position < len(text):
        raw.append(Piece(text[position:], False))
    merged: list[Piece] = []
    for piece in raw:
        if merged and merged[-1].translate == piece.translate and not piece.translate:
            merged[-1] = Piece(merged[-1].text + piece.text, False)
        else:
            merged.append(piece)
    return merged


def draft_segments(
    items: Sequence[tuple[str, Sequence[dict] | None]],
    *,
    source: str,
    target: str,
    engine: Engine,
) -> list[Draft]:
    """Draft every ``(text, runs)`` item from ``source`` to ``target`` with one engine batch.

    Returns one Draft per item, in order. Items with nothing to translate come back unchanged
    and never reach the engine.
    """
    split = [split_pieces(text, runs, source=source) for text, runs in items]
    wanted = [piece.text for pieces in split for piece in pieces if piece.translate]
    results = engine.translate_batch(wanted, source, target) if wanted else []
    outputs = iter(results)
    drafts: list[Draft] = []
    for pieces in split:
        parts: list[str] = []
        route: Route | None = None
        count = 0
        for piece in pieces:
            if piece.translate:
                result = next(outputs)
                parts.append(result.text.strip())
                route = result.route
                count += 1
            else:
                parts.append(piece.text)
        drafts.append(Draft(text="".join(parts), route=route, translated_pieces=count))
    return drafts
