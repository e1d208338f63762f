"""Every configured recommender passes one contract; the attribution rules on English,
Arabic and mixed sentences; the system check of unknown paths."""

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError

from tests.suggestion.conftest import TRAINING
from workbench.suggestion.checks import check_recommenders
from workbench.suggestion.recommenders.attribution import AttributionRules
from workbench.suggestion.recommenders.base import (
    Example,
    Recommender,
    RecommenderContext,
    RecommenderFailed,
    RecommenderUnavailable,
)
from workbench.suggestion.recommenders.registry import load_recommender, reset_recommenders

TEXTS = [
    "The governor said the bridge would reopen in March.",
    "“We have no plans to raise taxes,” the finance minister told reporters. 👍🏽",
    "قال محافظ المدينة إن الطريق سيفتح الشهر المقبل.",
    "The mayor said: «سنعيد بناء السوق خلال عام».",
    "",
    "No one said anything here",
]


def examples() -> list[Example]:
    """The test training sentences as examples with gold spans."""
    made = []
    for sentence, source, claim in TRAINING:
        spans = []
        for label, quote in (("source", source), ("claim", claim)):
            start = sentence.index(quote)
            spans.append((label, start, start + len(quote)))
        made.append(Example(text=sentence, spans=tuple(spans)))
    return made


def context_for(recommender: Recommender, tmp_path) -> RecommenderContext:
    """A trainable recommender is trained first, on the test sentences."""
    if not recommender.trainable:
        return RecommenderContext(project_id=1)
    path = tmp_path / "model"
    recommender.train(examples(), path)
    return RecommenderContext(project_id=1, model=recommender.trained(path, "test"))


def backends() -> list[str]:
    from django.conf import settings

    return list(settings.WORKBENCH_RECOMMENDERS)


@pytest.mark.parametrize("path", backends())
def test_contract(path, tmp_path, label_types):
    """A backend has a name and labels of the taxonomy, returns one list per text, and each
    proposal is a code-point span of that text with its quote, a score in [0, 1], and links
    to proposals of the same text."""
    recommender = load_recommender(path)
    assert recommender.name and recommender.labels
    assert set(recommender.labels) <= set(label_types)
    context = context_for(recommender, tmp_path)
    assert recommender.version(context)
    results = recommender.propose(TEXTS, context)
    assert len(results) == len(TEXTS)
    assert results[4] == []
    for text, proposals in zip(TEXTS, results, strict=True):
        for proposal in proposals:
            assert proposal.label in recommender.labels
            assert 0 <= proposal.start < proposal.end <= len(text)
            assert text[proposal.start : proposal.end] == proposal.quote
            assert 0.0 <= proposal.score <= 1.0
            for link in proposal.links:
                assert link.type == "attributed_to" and 0 <= link.target < len(proposals)
    assert any(results[:4]), "a backend proposes something on plain attributions"


@pytest.mark.parametrize("path", backends())
def test_contract_errors(path, tmp_path):
    """A backend reports a missing or broken model through the RecommenderUnavailable family,
    and one that does not train says so."""
    recommender = load_recommender(path)
    if not recommender.trainable:
        with pytest.raises(RecommenderUnavailable):
            recommender.train(examples(), tmp_path / "model")
        return
    context = context_for(recommender, tmp_path)
    context.model.path.write_bytes(b"\0" * 64)
    with pytest.raises(RecommenderFailed):
        recommender.propose(TEXTS, context)
    assert recommender.propose(TEXTS, RecommenderContext(project_id=1)) == [[] for _ in TEXTS]


RULES = [
    # English cue, English content.
    (
        "Police denied that any journalists had been detained.",
        "Police",
        "any journalists had been detained",
    ),
    # A quote first, then the speaker after the cue.
    ("“We will appeal,” said the lawyer.", "the lawyer", "We will appeal"),
    # According to, English and Arabic.
    (
        "According to the electoral commission, turnout reached 61 percent.",
        "the electoral commission",
        "turnout reached 61 percent",
    ),
    (
        "وفقاً للجنة الانتخابية، بلغت نسبة المشاركة 61 في المئة.",
        "لجنة الانتخابية",
        "بلغت نسبة المشاركة 61 في المئة",
    ),
    # An Arabic cue verb before its speaker, with a leading conjunction.
    (
        "وأكد شهود عيان أن الجنود أطلقوا النار في الهواء.",
        "شهود عيان",
        "الجنود أطلقوا النار في الهواء",
    ),
    # Mixed: an Arabic cue with an English quote, and the reverse.
    (
        "قال المتحدث باسم الحملة: “The results speak for themselves.”",
        "المتحدث باسم الحملة",
        "The results speak for themselves.",
    ),
    ("The mayor said: «سنعيد بناء السوق خلال عام».", "The mayor", "سنعيد بناء السوق خلال عام"),
]


@pytest.mark.parametrize(("text", "source", "claim"), RULES)
def test_rules(text, source, claim):
    """The rules find the speaker as a source and the content as a claim linked to it; the
    source's kind and name are guessed."""
    proposals = AttributionRules().propose_text(text)
    by_label = {p.label: p for p in proposals}
    assert by_label["source"].quote == source
    assert by_label["claim"].quote == claim
    link = by_label["claim"].links[0]
    assert proposals[link.target] is by_label["source"]
    assert by_label["source"].attributes["name"] == source
    assert by_label["source"].attributes["kind"] in {"person", "organization"}


def test_rules_offsets_are_code_points():
    """Offsets count code points: an emoji before the attribution shifts them by one each."""
    text = "👍🏽 The governor said the bridge would reopen."
    source = next(p for p in AttributionRules().propose_text(text) if p.label == "source")
    assert (source.start, source.end) == (3, 15) and text[3:15] == "The governor"


def test_rules_leave_unattributed_text_alone():
    """Sentences without a cue or a quote give nothing; a long quote alone is a claim without
    a source."""
    rules = AttributionRules()
    assert rules.propose_text("A spokesperson for the ministry declined to comment.") == []
    alone = rules.propose_text("Posters read “no more cuts to our schools” across the city.")
    assert [(p.label, p.quote, p.links) for p in alone] == [
        ("claim", "no more cuts to our schools", ())
    ]


def test_unknown_recommender_is_a_system_check_error(settings):
    """A path that is not a recommender is ``suggestion.E001`` in ``manage.py check``."""
    settings.WORKBENCH_RECOMMENDERS = ["workbench.suggestion.nothing.Here", "builtins.dict"]
    reset_recommenders()
    errors = check_recommenders()
    assert [e.id for e in errors] == ["suggestion.E001", "suggestion.E001"]
    with pytest.raises(SystemCheckError, match=r"suggestion\.E001"):
        call_command("check")
