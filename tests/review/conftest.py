"""Fixtures for the review loop: the annotation fixtures (document, span helper) and a team."""

import pytest

from tests.annotation.conftest import annotate, document, other_annotator  # noqa: F401
from tests.factories import make_document
from tests.web.conftest import (  # noqa: F401
    browser,
    chromium_browser,
    member,
    seed_document,
    team,
)


@pytest.fixture
def second_document(project, label_types):
    """Another document of the project, whose file name sorts after the first's."""
    return make_document(project, "Second text.\n\nنص ثانٍ.", name="zz-second.txt")


@pytest.fixture
def other_document(other_project, label_types):
    """A document of another project."""
    from tests.annotation.conftest import TEXT

    return make_document(other_project, TEXT, name="elsewhere.txt")
