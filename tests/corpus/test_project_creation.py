"""Who may create projects is a setting (staff only by default), and the answers tell an
outsider nothing about which project names exist."""

import pytest

from workbench.corpus.models import Project

pytestmark = pytest.mark.django_db


def test_only_staff_create_projects_by_default(api, annotator):
    """A non-staff user gets 403 whatever the name; a staff user creates and moderates it."""
    assert api(annotator).post("/api/v1/projects/", {"name": "Fresh"}).status_code == 403
    annotator.is_staff = True
    annotator.save()
    created = api(annotator).post("/api/v1/projects/", {"name": "Fresh"})
    assert created.status_code == 201
    assert created.json()["role"] == "moderator"


def test_a_taken_name_tells_a_non_staff_user_nothing(api, annotator, other_project):
    """For a non-staff user an existing name and a new one get the same answer."""
    taken = api(annotator).post("/api/v1/projects/", {"name": other_project.name})
    free = api(annotator).post("/api/v1/projects/", {"name": "Nobody has this name"})
    assert taken.status_code == free.status_code == 403
    assert taken.json() == free.json()


def test_everyone_may_create_projects_when_the_setting_says_so(settings, api, annotator):
    settings.WORKBENCH_PROJECT_CREATORS = "everyone"
    assert api(annotator).post("/api/v1/projects/", {"name": "Open"}).status_code == 201


def test_import_into_a_missing_or_foreign_project_looks_the_same(annotator, other_project):
    """The import service answers a non-staff user alike for a project that exists (but is
    not theirs) and one that does not: not found, and nothing is created."""
    from workbench.common.actor import Actor
    from workbench.common.errors import NotFound
    from workbench.exchange.services import annotations_import

    for name in (other_project.name, "Does not exist"):
        with pytest.raises(NotFound):
            annotations_import(actor=Actor.person(annotator), project_name=name, lines=[])
    assert not Project.objects.filter(name="Does not exist").exists()
