"""Shared pytest fixtures: a file test database, users in each role of one project, an
outsider, the label types, and (through ``tests.argos_packages``) tiny real translation
packages."""

import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import translation
from rest_framework.test import APIClient

from tests.factories import MembershipFactory, ProjectFactory
from workbench.annotation.models import LabelType
from workbench.corpus.models import Role

pytest_plugins = ["tests.argos_packages"]


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix, tmp_path_factory):
    """On SQLite, test in a file (one per xdist worker) rather than in memory, so that worker
    processes started by a test (``run_jobs``, Celery, the server) share its database."""
    database = settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.sqlite3":
        name = tmp_path_factory.mktemp("database") / "test.sqlite3"
        database.setdefault("TEST", {})["NAME"] = str(name)


@pytest.fixture(autouse=True)
def default_language():
    """Each test starts in the default language: a request in Arabic leaves Arabic active in
    the thread that served it, and the next test of the same worker would inherit it."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Hash test passwords with a fast hasher; production keeps Django's default."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def project(db):
    return ProjectFactory()


@pytest.fixture
def other_project(db):
    return ProjectFactory()


@pytest.fixture
def annotator(project):
    return MembershipFactory(project=project, role=Role.ANNOTATOR).user


@pytest.fixture
def reviewer(project):
    return MembershipFactory(project=project, role=Role.REVIEWER).user


@pytest.fixture
def moderator(project):
    return MembershipFactory(project=project, role=Role.MODERATOR).user


@pytest.fixture
def outsider(other_project):
    """A user who belongs to another project only."""
    return MembershipFactory(project=other_project, role=Role.MODERATOR).user


@pytest.fixture
def api():
    """Return a function that gives an API client logged in as a user (or anonymous)."""

    def make(user=None) -> APIClient:
        client = APIClient()
        if user is not None:
            client.force_authenticate(user)
        return client

    return make


@pytest.fixture
def label_types(db) -> dict[str, LabelType]:
    """The default taxonomy, loaded from the same fixture file as ``make run`` uses."""
    call_command("loaddata", str(settings.BASE_DIR / "fixtures" / "label_types.json"), verbosity=0)
    return {label_type.name: label_type for label_type in LabelType.objects.all()}


@pytest.fixture(autouse=True)
def empty_cache():
    """Every test starts with an empty cache, so throttles count its own requests only."""
    from django.core.cache import cache

    cache.clear()
