"""The attribution rules: who said what, in English, Arabic and segments mixing both.

Cold start, no training and no model: quote marks, cue verbs and phrases (``cues``) and the
order of words around them find the speaker (a ``source``) and what was said (a ``claim``),
linked ``attributed_to``. Each sentence gets at most one attribution from the patterns below,
tried in order; quotes left over become claims without a source.

1. A quote, then the cue: “...,” the minister said / «...»، قالت الوزيرة.
2. A cue before a colon: The mayor said: «...» / قال المتحدث: “...”.
3. According to: according to X, ... / ..., according to X / بحسب X، ... / وفقاً لـ X.
4. Reported speech: X said (that) ... / قال X إن ... / نفت الشرطة ...
5. A short speaker before a colon (a headline): Minister: taxes will fall.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import regex

from .. import cues
from ..cues import normalise
from .base import Proposal, ProposalLink, Recommender, RecommenderContext, span_proposal

_SENTENCE_END = regex.compile(r"[.!?؟]+(?=\s|$)|\n+")
_TRIM = " \t\n,،;؛:"


@dataclass(frozen=True)
class Token:
    start: int
    end: int
    text: str
    norm: str

    @property
    def is_word(self) -> bool:
        return self.text[0].isalnum() or self.text[0] == "_"

    @property
    def is_arabic(self) -> bool:
        return any("\u0600" <= char <= "\u06ff" for char in self.text)


@dataclass(frozen=True)
class Attribution:
    """A claim span, an optional source span and how sure the pattern is."""

    claim: tuple[int, int]
    source: tuple[int, int] | None
    score: float


def tokens_of(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """The words and marks of ``text[start:end]`` with offsets into ``text``."""
    return [
        Token(match.start(), match.end(), match.group(), normalise(match.group()))
        for match in cues.TOKEN.finditer(text, start, len(text) if end is None else end)
    ]


def _strip_arabic_conjunction(norm: str) -> str:
    """``وقال`` → ``قال``, ``فأكد`` → ``اكد``: a leading و or ف before a cue."""
    if len(norm) > 3 and norm[0] in "وف":
        return norm[1:]
    return norm


_DETERMINERS = frozenset("the a an this that its their his her our my your".split())


def is_cue(token: Token, previous: Token | None = None) -> bool:
    """Whether ``token`` is an English or Arabic cue verb (after a determiner, an English
    form such as "report" or "claims" is a noun)."""
    if token.norm in cues.EN_CUES:
        return previous is None or previous.norm not in _DETERMINERS
    return _strip_arabic_conjunction(token.norm) in cues.AR_CUES or token.norm in cues.AR_CUES


def is_belief(token: Token) -> bool:
    return token.norm in cues.EN_BELIEF or _strip_arabic_conjunction(token.norm) in cues.AR_BELIEF


def quotes_in(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Content spans (without the marks) of the quotations in ``text[start:end]``."""
    found: list[tuple[int, int]] = []
    position = start
    while position < end:
        char = text[position]
        closing = cues.QUOTES.get(char)
        if closing is not None:
            close = text.find(closing, position + 1, end)
            if close > position + 1:
                found.append((position + 1, close))
                position = close + 1
                continue
        position += 1
    return found


def sentences_of(text: str) -> list[tuple[int, int]]:
    """Sentence spans of ``text``: ends at . ! ? ؟ or a line break, never inside a quote."""
    inside = set()
    for q_start, q_end in quotes_in(text, 0, len(text)):
        inside.update(range(q_start, q_end + 1))
    spans, begin = [], 0
    for match in _SENTENCE_END.finditer(text):
        if match.start() in inside:
            continue
        spans.append((begin, match.end()))
        begin = match.end()
    if begin < len(text):
        spans.append((begin, len(text)))
    return [(s, e) for s, e in spans if text[s:e].strip()]


def trim(text: str, start: int, end: int, *, keep_period: bool = False) -> tuple[int, int]:
    """Shrink ``[start, end)`` past spaces, commas, colons and (unless kept) a final stop."""
    marks = _TRIM if keep_period else _TRIM + ".!?؟"
    closing = "".join(cues.QUOTES.values())
    while start < end and text[start] in marks:
        start += 1
    while end > start and (text[end - 1] in marks or text[end - 1] in closing):
        end -= 1
    while end > start and text[end - 1] in marks:
        end -= 1
    return start, end


class AttributionRules(Recommender):
    """Rules for reported and quoted speech in English and Arabic (no training)."""

    name = "attribution-rules"
    labels = ("claim", "source")

    def version(self, context: RecommenderContext) -> str:
        return "rules-1"

    def propose(self, texts: Sequence[str], context: RecommenderContext) -> list[list[Proposal]]:
        return [self.propose_text(text) for text in texts]

    def propose_text(self, text: str) -> list[Proposal]:
        """The proposals for one text."""
        proposals: list[Proposal] = []
        for start, end in sentences_of(text):
            tokens = tokens_of(text, start, end)
            found = self.attribute(text, start, end, tokens)
            used_quotes = set()
            if found is not None:
                claim_start, claim_end = found.claim
                if claim_end - claim_start > 1:
                    claim = span_proposal(text, "claim", claim_start, claim_end, found.score)
                    if found.source is not None and found.source[1] > found.source[0]:
                        source_start, source_end = found.source
                        phrase = text[source_start:source_end]
                        source = span_proposal(
                            text,
                            "source",
                            source_start,
                            source_end,
                            found.score - 0.05,
                            {"kind": cues.source_kind(phrase), "name": phrase[:300]},
                        )
                        proposals.append(source)
                        claim = span_proposal(
                            text,
                            "claim",
                            claim_start,
                            claim_end,
                            found.score,
                            links=(ProposalLink("attributed_to", len(proposals) - 1),),
                        )
                    proposals.append(claim)
                    used_quotes = {
                        q
                        for q in quotes_in(text, start, end)
                        if q[0] < claim_end and claim_start < q[1]
                    }
            for q_start, q_end in quotes_in(text, start, end):
                if (q_start, q_end) in used_quotes:
                    continue
                q_start, q_end = trim(text, q_start, q_end, keep_period=True)
                if len(tokens_of(text, q_start, q_end)) >= 4:
                    proposals.append(span_proposal(text, "claim", q_start, q_end, 0.45))
        return proposals

    def attribute(self, text: str, start: int, end: int, tokens: list[Token]) -> Attribution | None:
        """The first pattern that matches the sentence ``text[start:end]``."""
        for pattern in (
            self.quote_first,
            self.cue_colon,
            self.according_to,
            self.reported,
            self.headline,
        ):
            found = pattern(text, start, end, tokens)
            if found is not None:
                return found
        return None

    # 1. “...,” the minister said.
    def quote_first(
        self, text: str, start: int, end: int, tokens: list[Token]
    ) -> Attribution | None:
        quotes = quotes_in(text, start, end)
        if not quotes or text[start : quotes[0][0] - 1].strip():
            return None
        q_start, q_end = quotes[0]
        after = [t for t in tokens if t.start > q_end]
        words = [t for t in after if t.is_word]
        if not words:
            return None
        claim = trim(text, q_start, q_end, keep_period=True)
        if is_cue(words[0]):
            source = self.speaker_after(text, words[0], after)
            return Attribution(claim, source, 0.9)
        for index, word in enumerate(words[:8]):
            if is_cue(word) and index > 0:
                return Attribution(claim, (words[0].start, words[index - 1].end), 0.9)
        return None

    # 2. The mayor said: «...»
    def cue_colon(self, text: str, start: int, end: int, tokens: list[Token]) -> Attribution | None:
        colon = next((i for i, t in enumerate(tokens) if t.text == ":"), None)
        if colon is None:
            return None
        before = tokens[:colon]
        words = [t for t in before if t.is_word]
        if not words or not any(is_cue(t) for t in words):
            return None
        content_start, content_end = tokens[colon].end, end
        quotes = [q for q in quotes_in(text, content_start, end)]
        if quotes and not text[content_start : quotes[0][0] - 1].strip():
            claim = trim(text, *quotes[0], keep_period=True)
        else:
            claim = trim(text, content_start, content_end)
        cue_index = next(i for i, t in enumerate(words) if is_cue(t))
        if cue_index == 0 and words[0].is_arabic:
            source = self._arabic_speaker(words[1:], whole=True)
        elif cue_index == 0:
            source = self.speaker_after(text, words[0], before)
        else:
            source = self.speaker_before(text, before, before.index(words[cue_index]))
        return Attribution(claim, source, 0.85)

    # 3. According to X, ... / بحسب X، ...
    def according_to(
        self, text: str, start: int, end: int, tokens: list[Token]
    ) -> Attribution | None:
        for index, token in enumerate(tokens):
            skip = 0
            if (
                token.norm == "according"
                and index + 1 < len(tokens)
                and tokens[index + 1].norm == "to"
            ):
                skip = 2
            elif (
                token.norm in cues.AR_ACCORDING
                or _strip_arabic_conjunction(token.norm) in cues.AR_ACCORDING
            ):
                skip = 1
                following = tokens[index + 1] if index + 1 < len(tokens) else None
                if following is not None and following.norm in {"ل", "عن", "لـ"}:
                    skip = 2
            if not skip:
                continue
            rest = tokens[index + skip :]
            comma = next((i for i, t in enumerate(rest) if t.text in {",", "،"}), None)
            if index == 0 or all(not t.is_word for t in tokens[:index]):
                if comma is None:
                    return None
                source = self._source_span(rest[:comma])
                claim = trim(text, rest[comma].end, end)
            else:
                source_tokens = rest if comma is None else rest[:comma]
                source = self._source_span(source_tokens)
                claim = trim(text, start, token.start)
            if source is None:
                return None
            if rest and rest[0].norm.startswith("لل") and source[0] == rest[0].start:
                source = (source[0] + 1, source[1])
            return Attribution(claim, source, 0.85)
        return None

    # 4. X said (that) ... / قال X إن ...
    def reported(self, text: str, start: int, end: int, tokens: list[Token]) -> Attribution | None:
        for index, token in enumerate(tokens):
            if not is_cue(token, tokens[index - 1] if index else None):
                continue
            score = 0.55 if is_belief(token) else 0.75
            if token.is_arabic:
                found = self.reported_arabic(text, end, tokens, index, score)
            else:
                found = self.reported_english(text, start, end, tokens, index, score)
            if found is not None:
                return found
        return None

    def reported_english(
        self, text: str, start: int, end: int, tokens: list[Token], index: int, score: float
    ) -> Attribution | None:
        source = self.speaker_before(text, tokens, index)
        after = tokens[index + 1 :]
        if source is None:
            if after and after[0].is_word and not after[0].is_arabic:
                return None
            return None
        claim_from = self._english_content(after)
        if claim_from is None:
            # "Taxes will rise, the minister said."
            comma = next(
                (
                    t
                    for t in reversed(tokens[:index])
                    if t.text in {",", "،"} and t.end <= source[0]
                ),
                None,
            )
            if comma is None:
                return None
            return Attribution(trim(text, start, comma.start), source, score)
        if claim_from[1]:
            score += 0.1
        content = [t for t in after if t.start >= claim_from[0]]
        quotes = quotes_in(text, claim_from[0], end)
        if quotes and content and content[0].start == quotes[0][0] - 1:
            return Attribution(trim(text, *quotes[0], keep_period=True), source, score + 0.05)
        return Attribution(trim(text, claim_from[0], end), source, score)

    def _english_content(self, after: list[Token]) -> tuple[int, bool] | None:
        """Where the reported content starts after an English cue, and whether "that" opened
        it; ``None`` when nothing follows."""
        words = [t for t in after if t.is_word or t.text in cues.QUOTES]
        if not words:
            return None
        for position, word in enumerate(words[:5]):
            if word.norm == "that":
                if position + 1 < len(words):
                    return words[position + 1].start, True
                return None
        first = words[0]
        if first.norm in {
            "reporters",
            "journalists",
            "lawmakers",
            "parliament",
            "him",
            "her",
            "them",
            "us",
            "me",
        }:
            words = words[1:]
        return (words[0].start, False) if words else None

    def reported_arabic(
        self, text: str, end: int, tokens: list[Token], index: int, score: float
    ) -> Attribution | None:
        after = tokens[index + 1 :]
        complementiser = None
        for position, token in enumerate(after[:10]):
            if token.norm in cues.AR_COMPLEMENTISERS:
                complementiser = position
                break
            if token.text in {":", ",", "،"}:
                break
        if complementiser is not None:
            speaker = after[:complementiser]
            if speaker and speaker[-1].norm in cues.AR_PREPOSITIONS:
                speaker = speaker[:-1]
            if speaker:
                source = self._arabic_speaker(speaker, whole=True)
            else:
                # The speaker before the verb: الوزير قال إن ...
                before: list[Token] = []
                for token in reversed(tokens[:index]):
                    if not token.is_word or len(before) >= 4:
                        break
                    before.insert(0, token)
                source = (before[0].start, before[-1].end) if before else None
            if source is None or complementiser + 1 >= len(after):
                return None
            return Attribution(
                trim(text, after[complementiser + 1].start, end), source, score + 0.1
            )
        source = self._arabic_speaker(after, whole=False)
        if source is None:
            return None
        rest = [t for t in after if t.start >= source[1]]
        if not [t for t in rest if t.is_word]:
            return None
        return Attribution(trim(text, rest[0].start, end), source, score - 0.05)

    def _arabic_speaker(self, words: list[Token], *, whole: bool) -> tuple[int, int] | None:
        """The speaker's phrase at the start of ``words``: up to a preposition or a time,
        and (when ``whole`` is false, no complementiser follows) a noun phrase: a noun, the
        nouns of an idafa, and adjectives with the article."""
        chosen: list[Token] = []
        for token in words:
            if not token.is_word or token.norm in cues.AR_AFTER_SPEAKER:
                break
            if chosen and token.norm.startswith("لل"):
                break
            if chosen and not whole and chosen[-1].norm == "باسم":
                chosen.append(token)
                continue
            if chosen and not whole and token.norm == "باسم":
                chosen.append(token)
                continue
            if chosen and not whole:
                previous = chosen[-1]
                definite = previous.norm.startswith("ال")
                if definite and not token.norm.startswith("ال"):
                    break
                if len(chosen) >= 4:
                    break
            chosen.append(token)
            if whole and len(chosen) >= 6:
                break
        if not chosen:
            return None
        return chosen[0].start, chosen[-1].end

    # 5. Minister: taxes will fall.
    def headline(self, text: str, start: int, end: int, tokens: list[Token]) -> Attribution | None:
        colon = next((i for i, t in enumerate(tokens) if t.text == ":"), None)
        if colon is None or colon == 0 or colon > 4:
            return None
        speaker = tokens[:colon]
        content = [t for t in tokens[colon + 1 :] if t.is_word]
        if len(content) < 3 or not all(t.is_word for t in speaker):
            return None
        if not speaker[0].is_arabic and not speaker[0].text[0].isupper():
            return None
        return Attribution(
            trim(text, tokens[colon].end, end), (speaker[0].start, speaker[-1].end), 0.4
        )

    # Speakers.
    def speaker_before(self, text: str, tokens: list[Token], index: int) -> tuple[int, int] | None:
        """The English speaker's phrase ending just before ``tokens[index]`` (the cue)."""
        position = index - 1
        while position >= 0 and tokens[position].norm in cues.EN_AUXILIARIES:
            position -= 1
        if position >= 0 and tokens[position].text == ",":
            # "The report, published by Amnesty International, claims"
            opening = next((i for i in range(position - 1, -1, -1) if tokens[i].text == ","), None)
            if opening is None:
                return None
            inner = tokens[opening + 1 : position]
            by = next((i for i, t in enumerate(inner) if t.norm in {"by", "from"}), None)
            if by is not None and by + 1 < len(inner):
                return inner[by + 1].start, inner[-1].end
            return self.speaker_before(text, [*tokens[:opening], tokens[index]], opening)
        chosen: list[Token] = []
        while position >= 0:
            token = tokens[position]
            if not token.is_word or token.norm in cues.EN_BOUNDARIES or is_cue(token):
                break
            chosen.insert(0, token)
            position -= 1
        if not chosen or len(chosen) > 7:
            return None
        if chosen[0].is_arabic != tokens[index].is_arabic and len(chosen) > 1:
            chosen = [t for t in chosen if t.is_arabic == tokens[index].is_arabic] or chosen
        return chosen[0].start, chosen[-1].end

    def speaker_after(self, text: str, cue: Token, tokens: list[Token]) -> tuple[int, int] | None:
        """The speaker's phrase after the cue (“...,” said the minister / قالت الوزيرة)."""
        after = [t for t in tokens if t.start > cue.start]
        if cue.is_arabic:
            return self._arabic_speaker(after, whole=False)
        chosen: list[Token] = []
        for token in after:
            if (
                not token.is_word
                or token.norm in cues.EN_AFTER_SPEAKER
                or token.norm in cues.EN_BOUNDARIES
            ):
                break
            chosen.append(token)
        if not chosen or len(chosen) > 7:
            return None
        return chosen[0].start, chosen[-1].end

    def _source_span(self, tokens: list[Token]) -> tuple[int, int] | None:
        words = [t for t in tokens if t.is_word]
        if not words or len(words) > 8:
            return None
        return words[0].start, words[-1].end
