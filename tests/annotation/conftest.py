"""Fixtures for annotation tests: a document and span helpers."""

import pytest

from tests.factories import MembershipFactory, acting, make_document
from workbench.annotation import services
from workbench.corpus.models import Role

TEXT = (
    "The minister said taxes will fall next year.\n\n"
    "Critics at the <script>alert(1)</script> institute disagree.\n\n"
    "قال الوزيرُ إنَّ الضرائبَ ستنخفض 👍🏽 العام المقبل."
)

ATTRIBUTES = {
    "claim": {"checkworthy": "yes", "topic": "taxes"},
    "stance": {"polarity": "against"},
    "source": {"kind": "person", "name": "The minister"},
}


@pytest.fixture
def document(project, label_types):
    return make_document(project, TEXT)


@pytest.fixture
def other_annotator(project):
    """A second annotator of the project."""
    return MembershipFactory(project=project, role=Role.ANNOTATOR).user


@pytest.fixture
def annotate(label_types):
    """Return a function that creates an annotation of ``word`` through the service."""

    def make(user, document, word: str, kind: str = "claim", occurrence: int = 0, **kwargs):
        start = -1
        for _ in range(occurrence + 1):
            start = document.text.index(word, start + 1)
        return services.annotation_create(
            actor=acting(user, document),
            document=document,
            label_type_id=label_types[kind].pk,
            start=start,
            end=start + len(word),
            quote=word,
            attributes=kwargs.get("attributes", ATTRIBUTES[kind]),
        )

    return make
