"""Base class, proposal type and error family shared by every recommender.

A recommender reads plain texts (segments) and proposes spans over them: a label type name,
code-point ``start`` and ``end`` into the text, the ``quote`` (``text[start:end]``), a
``score`` in [0, 1], guessed attributes, and links to other proposals of the same text.
"""

from __future__ import annotations

import hashlib
from abc import ABC, abstractmethod
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


class RecommenderUnavailable(Exception):
    """The family of recommender errors: no suggestions can come from it now."""


class RecommenderFailed(RecommenderUnavailable):
    """A recommender broke: an unknown path in settings, a missing or corrupt model file."""


class TooFewExamples(RecommenderUnavailable):
    """A training run had too few annotations to learn from; the previous model stays."""


@dataclass(frozen=True)
class ProposalLink:
    """A link from a proposal to another proposal of the same text, by its position."""

    type: str
    target: int


@dataclass(frozen=True)
class Proposal:
    """One suggested span of a text."""

    label: str
    start: int
    end: int
    quote: str
    score: float
    attributes: Mapping[str, Any] = field(default_factory=dict)
    links: tuple[ProposalLink, ...] = ()


@dataclass(frozen=True)
class Example:
    """A training text with its gold spans ``(label, start, end)``."""

    text: str
    spans: tuple[tuple[str, int, int], ...]


@dataclass(frozen=True)
class TrainedModel:
    """A stored model of a trainable recommender: its file, version and the SHA-256 of the
    file as it was written (a file that no longer matches it is not opened)."""

    path: Path
    version: str
    checksum: str = ""


@dataclass(frozen=True)
class RecommenderContext:
    """What a recommender is told about the project it proposes for.

    ``model`` is the project's last trained model for this recommender (``None`` when it was
    never trained, or when its self-evaluation is under the threshold).
    """

    project_id: int
    model: TrainedModel | None = None


class Recommender(ABC):
    """A backend that proposes suggested annotations.

    Subclasses set ``name`` and ``labels`` (the label type names proposed) and implement
    :meth:`propose`. A recommender that learns sets ``trainable`` and implements
    :meth:`train`, which writes a model file that :meth:`propose` reads through the context.
    """

    name: str = ""
    labels: tuple[str, ...] = ()
    trainable: bool = False

    def version(self, context: RecommenderContext) -> str:
        """The version of the rules or model that proposes for ``context``."""
        return context.model.version if context.model is not None else "1"

    @abstractmethod
    def propose(self, texts: Sequence[str], context: RecommenderContext) -> list[list[Proposal]]:
        """Return, for each text, its proposals (offsets in code points of that text)."""

    def train(self, examples: Sequence[Example], path: Path) -> None:
        """Learn from ``examples`` and write the model to ``path`` (trainable ones only)."""
        raise RecommenderUnavailable(f"{self.name} does not train")

    def trained(self, path: Path, version: str) -> TrainedModel:
        """The model :meth:`train` just wrote at ``path``, under ``version``, with its checksum."""
        path = Path(path)
        return TrainedModel(path=path, version=version, checksum=file_checksum(path))


def file_checksum(path: Path) -> str:
    """The SHA-256 of the file at ``path``, in hex."""
    digest = hashlib.sha256()
    with open(path, "rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def span_proposal(
    text: str,
    label: str,
    start: int,
    end: int,
    score: float,
    attributes: Mapping[str, Any] | None = None,
    links: tuple[ProposalLink, ...] = (),
) -> Proposal:
    """A proposal of ``text[start:end]`` with its quote taken from the text."""
    return Proposal(
        label=label,
        start=start,
        end=end,
        quote=text[start:end],
        score=round(min(1.0, max(0.0, score)), 3),
        attributes=dict(attributes or {}),
        links=links,
    )
