"""Fixtures for the browser workspace: the seed document, members in each role, Chromium."""

from pathlib import Path

import pytest
from django.conf import settings
from playwright.sync_api import expect

from tests.browser import SCREENSHOTS, chromium
from tests.factories import FACTORY_ACTOR, MembershipFactory, UserFactory
from workbench.corpus.models import Role
from workbench.corpus.services import document_import

PASSWORD = "correct horse battery staple"
SEED_004 = Path(settings.BASE_DIR) / "seeds" / "004_e865a5cbf46ebc2f.txt"


@pytest.fixture
def seed_document(project, label_types):
    """Seed 004 (Arabic and English), imported through the import service."""
    return document_import(
        actor=FACTORY_ACTOR, project=project, name=SEED_004.name, data=SEED_004.read_bytes()
    ).document


@pytest.fixture
def member():
    """Return a function that makes a user with a role in a project."""

    def make(project, role: str, username: str):
        user = UserFactory(username=username)
        MembershipFactory(project=project, user=user, role=role)
        return user

    return make


@pytest.fixture
def team(project, member):
    """An annotator, a reviewer and a moderator of the project."""
    return {
        "annotator": member(project, Role.ANNOTATOR, "amal"),
        "reviewer": member(project, Role.REVIEWER, "rami"),
        "moderator": member(project, Role.MODERATOR, "mona"),
    }


@pytest.fixture(scope="module")
def chromium_browser():
    """One headless Chromium for a test module; waits in assertions allow a loaded machine."""
    expect.set_options(timeout=20_000)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    with chromium() as launched:
        yield launched


@pytest.fixture
def browser(chromium_browser):
    """The module's Chromium; every context a test opens is closed when the test ends."""
    yield chromium_browser
    for context in chromium_browser.contexts:
        context.close()
