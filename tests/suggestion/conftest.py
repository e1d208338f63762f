"""Fixtures for suggestion tests: a document of English, Arabic and mixed attributions."""

import pytest

from tests.factories import make_document
from workbench.suggestion.recommenders.registry import reset_recommenders

#: One attribution per paragraph; an emoji before the Arabic ones shifts UTF-16 offsets.
TEXT = (
    "The governor said the bridge would reopen in March.\n\n"
    "“We have no plans to raise taxes,” the finance minister told reporters. 👍🏽\n\n"
    "قال محافظ المدينة إن الطريق سيفتح الشهر المقبل.\n\n"
    "The mayor said: «سنعيد بناء السوق خلال عام»."
)


@pytest.fixture(autouse=True)
def fresh_recommenders(settings, tmp_path):
    """Each test loads the recommenders anew and keeps its models in its own directory."""
    settings.WORKBENCH_RECOMMENDER_MODELS_DIR = tmp_path / "recommenders"
    settings.WORKBENCH_JOBS_INLINE = True
    reset_recommenders()
    yield
    reset_recommenders()


@pytest.fixture
def document(project, label_types):
    return make_document(project, TEXT)


#: Training material written for these tests: each sentence with its gold claim and source.
TRAINING = [
    ("The senator said the vote would be delayed.", "The senator", "the vote would be delayed"),
    ("The company announced that profits had doubled.", "The company", "profits had doubled"),
    (
        "Doctors warned that the clinic was running out of beds.",
        "Doctors",
        "the clinic was running out of beds",
    ),
    ("The coach told reporters that the team was ready.", "The coach", "the team was ready"),
    (
        "“The water is safe to drink,” the engineer said.",
        "the engineer",
        "The water is safe to drink",
    ),
    (
        "According to the health ministry, cases fell by a third.",
        "the health ministry",
        "cases fell by a third",
    ),
    (
        "Farmers said the harvest had failed for a second year.",
        "Farmers",
        "the harvest had failed for a second year",
    ),
    ("قال المدير إن المصنع سيغلق أبوابه.", "المدير", "المصنع سيغلق أبوابه"),
    ("أعلنت الوزارة أن المدارس ستفتح غداً.", "الوزارة", "المدارس ستفتح غداً"),
    ("بحسب الشرطة، وقع الحادث قبل الفجر.", "الشرطة", "وقع الحادث قبل الفجر"),
    (
        "The judge said the trial would resume on Monday.",
        "The judge",
        "the trial would resume on Monday",
    ),
    (
        "Residents claimed that the river had flooded twice.",
        "Residents",
        "the river had flooded twice",
    ),
]


@pytest.fixture
def accepted_annotations(project, label_types, annotator, moderator):
    """The training sentences in one document, each claim and source annotated by the
    annotator and accepted by the moderator."""
    from tests.factories import acting
    from workbench.annotation.services import annotation_create, annotation_review

    document = make_document(project, "\n\n".join(s for s, _, _ in TRAINING), name="train.txt")
    made = []
    position = 0
    for sentence, source, claim in TRAINING:
        base = document.text.index(sentence, position)
        position = base + len(sentence)
        for label, quote, attributes in (
            ("source", source, {"kind": "person", "name": source}),
            ("claim", claim, {"checkworthy": "yes"}),
        ):
            start = base + sentence.index(quote)
            annotation = annotation_create(
                actor=acting(annotator, document),
                document=document,
                label_type_id=label_types[label].pk,
                start=start,
                end=start + len(quote),
                quote=quote,
                attributes=attributes,
            )
            made.append(
                annotation_review(
                    actor=acting(moderator, document), annotation=annotation, decision="accept"
                )
            )
    return made
