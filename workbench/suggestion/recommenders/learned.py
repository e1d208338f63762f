"""The learned recommender: a token CRF (CRFsuite through python-crfsuite) per project.

It is trained on a project's accepted annotations of claims and sources, tagging tokens
B-/I-label or O; segments holding a rejected suggestion are trained on too, as negatives.
Its features are the token's form and shape, its neighbours, the cue lexicons, whether it
stands in a quotation, and the tag the attribution rules give it, so it starts from the
rules and learns where a project's annotators differ from them.
"""

from __future__ import annotations

import hashlib
import logging
import struct
import threading
from collections.abc import Sequence
from pathlib import Path

from .. import cues
from .attribution import AttributionRules, Token, is_cue, quotes_in, tokens_of
from .base import (
    Example,
    Proposal,
    ProposalLink,
    Recommender,
    RecommenderContext,
    RecommenderFailed,
    TrainedModel,
    span_proposal,
)

logger = logging.getLogger(__name__)

LABELS = ("claim", "source")

_rules = AttributionRules()


def _shape(text: str) -> str:
    if any("\u0600" <= char <= "\u06ff" for char in text):
        return "ar"
    if text.isdigit():
        return "d"
    if text.isupper() and len(text) > 1:
        return "AA"
    if text[:1].isupper():
        return "Aa"
    if text[:1].isalpha():
        return "a"
    return "p"


def _rule_tags(text: str, tokens: list[Token]) -> list[str]:
    """The label the rules give each token ("claim", "source" or "-")."""
    tags = ["-"] * len(tokens)
    for proposal in _rules.propose_text(text):
        for index, token in enumerate(tokens):
            if proposal.start <= token.start and token.end <= proposal.end and tags[index] == "-":
                tags[index] = proposal.label
    return tags


def featurise(text: str) -> tuple[list[Token], list[list[str]]]:
    """The tokens of ``text`` and the CRFsuite features of each."""
    tokens = tokens_of(text)
    inside = set()
    for q_start, q_end in quotes_in(text, 0, len(text)):
        inside.update(range(q_start, q_end))
    rules = _rule_tags(text, tokens)
    cue_positions = [
        i for i, token in enumerate(tokens) if is_cue(token, tokens[i - 1] if i else None)
    ]
    rows = []
    for index, token in enumerate(tokens):
        norm = token.norm
        features = [
            "bias",
            f"w={norm}",
            f"p3={norm[:3]}",
            f"s3={norm[-3:]}",
            f"s2={norm[-2:]}",
            f"shape={_shape(token.text)}",
            f"rule={rules[index]}",
            f"quoted={token.start in inside}",
            f"cue={index in cue_positions}",
            f"comp={norm in cues.AR_COMPLEMENTISERS or norm == 'that'}",
            f"acc={norm in cues.AR_ACCORDING or norm == 'according'}",
            f"cue_before={any(i < index for i in cue_positions)}",
            f"cue_after={any(i > index for i in cue_positions)}",
            f"al={norm.startswith('ال')}",
        ]
        for offset in (-2, -1, 1, 2):
            position = index + offset
            if 0 <= position < len(tokens):
                other = tokens[position]
                features += [
                    f"{offset}:w={other.norm}",
                    f"{offset}:shape={_shape(other.text)}",
                    f"{offset}:rule={rules[position]}",
                    f"{offset}:cue={position in cue_positions}",
                ]
            else:
                features.append(f"{offset}:edge")
        rows.append(features)
    return tokens, rows


def bio_tags(tokens: list[Token], spans: Sequence[tuple[str, int, int]]) -> list[str]:
    """B-/I-label or O for each token, from gold spans (the first span wins on overlap)."""
    tags = ["O"] * len(tokens)
    for label, start, end in spans:
        if label not in LABELS:
            continue
        first = True
        for index, token in enumerate(tokens):
            if token.start >= start and token.end <= end and tags[index] == "O":
                tags[index] = f"{'B' if first else 'I'}-{label}"
                first = False
    return tags


#: The CRFsuite model header: magic, total size, type, version, then counts and offsets.
_HEADER = struct.Struct("<4sI4sIIIIIIIII")


def check_model_file(model: TrainedModel) -> None:
    """Raise ``RecommenderFailed`` unless ``model.path`` is a whole CRFsuite model file that
    still has the checksum it was written with."""
    try:
        data = model.path.read_bytes()
    except OSError as exc:
        raise RecommenderFailed(f"model file {model.path} cannot be read: {exc}") from exc
    if len(data) < _HEADER.size:
        raise RecommenderFailed(f"model file {model.path} is truncated")
    magic, size, kind, *_rest = _HEADER.unpack_from(data)
    offsets = _rest[-5:]
    if magic != b"lCRF" or kind != b"FOMC" or size != len(data):
        raise RecommenderFailed(f"model file {model.path} is not a whole CRFsuite model")
    if any(offset > size for offset in offsets):
        raise RecommenderFailed(f"model file {model.path} is damaged")
    if model.checksum and hashlib.sha256(data).hexdigest() != model.checksum:
        raise RecommenderFailed(f"model file {model.path} changed since it was trained")


class LearnedAttribution(Recommender):
    """A CRF over tokens, trained per project on its accepted claims and sources."""

    name = "attribution-crf"
    labels = LABELS
    trainable = True

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._taggers: dict[tuple[str, int], object] = {}

    def train(self, examples: Sequence[Example], path: Path) -> None:
        import pycrfsuite

        trainer = pycrfsuite.Trainer(verbose=False)
        for example in examples:
            tokens, rows = featurise(example.text)
            if tokens:
                trainer.append(rows, bio_tags(tokens, example.spans))
        trainer.set_params(
            {"c1": 0.05, "c2": 0.01, "max_iterations": 150, "feature.possible_transitions": True}
        )
        path.parent.mkdir(parents=True, exist_ok=True)
        trainer.train(str(path))

    def tagger(self, model: TrainedModel):
        """The CRFsuite tagger of ``model`` (opened once per file version and process).

        CRFsuite reads a damaged file without checks (a truncated one crashes the process),
        so the file is first checked against its header and the checksum taken when it was
        written."""
        import pycrfsuite

        try:
            key = (str(model.path), model.path.stat().st_mtime_ns)
        except OSError as exc:
            raise RecommenderFailed(f"{self.name}: model file {model.path} is missing") from exc
        with self._lock:
            tagger = self._taggers.get(key)
            if tagger is None:
                check_model_file(model)
                tagger = pycrfsuite.Tagger()
                try:
                    tagger.open(str(model.path))
                except (OSError, ValueError, RuntimeError) as exc:
                    raise RecommenderFailed(
                        f"{self.name}: model file {model.path} cannot be read: {exc}"
                    ) from exc
                self._taggers[key] = tagger
            return tagger

    def propose(self, texts: Sequence[str], context: RecommenderContext) -> list[list[Proposal]]:
        if context.model is None:
            return [[] for _ in texts]
        tagger = self.tagger(context.model)
        results = []
        with self._lock:
            for text in texts:
                tokens, rows = featurise(text)
                if not tokens:
                    results.append([])
                    continue
                tags = tagger.tag(rows)
                spans = self._spans(tags)
                found = []
                for label, first, last in spans:
                    scores = [tagger.marginal(tags[i], i) for i in range(first, last + 1)]
                    found.append((label, tokens[first].start, tokens[last].end, min(scores)))
                results.append(self._proposals(text, found))
        return results

    @staticmethod
    def _spans(tags: list[str]) -> list[tuple[str, int, int]]:
        spans: list[tuple[str, int, int]] = []
        current: list = []
        for index, tag in enumerate([*tags, "O"]):
            if current and (tag == "O" or tag.startswith("B-") or tag[2:] != current[0]):
                spans.append((current[0], current[1], index - 1))
                current = []
            if tag != "O" and not current:
                current = [tag[2:], index]
        return spans

    @staticmethod
    def _proposals(text: str, found: list[tuple[str, int, int, float]]) -> list[Proposal]:
        """Sources first, then claims linked ``attributed_to`` the nearest source."""
        proposals: list[Proposal] = []
        sources = []
        for label, start, end, score in found:
            if label == "source":
                phrase = text[start:end]
                attributes = {"kind": cues.source_kind(phrase), "name": phrase[:300]}
                proposals.append(span_proposal(text, "source", start, end, score, attributes))
                sources.append((len(proposals) - 1, start))
        for label, start, end, score in found:
            if label != "claim":
                continue
            links: tuple[ProposalLink, ...] = ()
            if sources:
                nearest = min(sources, key=lambda item: abs(item[1] - start))
                links = (ProposalLink("attributed_to", nearest[0]),)
            proposals.append(span_proposal(text, "claim", start, end, score, links=links))
        return proposals
