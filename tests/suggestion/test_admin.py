"""Admin: training runs per project with their scores, scoped to the projects moderated."""

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core.management import call_command

from workbench.suggestion.models import TrainingRun

pytestmark = pytest.mark.django_db

RUNS = "/admin/suggestion/trainingrun/"


@pytest.fixture
def staff_moderator(client, moderator):
    moderator.is_staff = True
    moderator.save()
    client.force_login(moderator)
    return client


@pytest.fixture
def runs(project, other_project, accepted_annotations, settings):
    """A trained run in the moderator's project and a too-few run in another project."""
    settings.WORKBENCH_SUGGESTION_MIN_TRAINING = 10
    call_command("train_recommenders", "--project", project.name)
    call_command("train_recommenders", "--project", other_project.name)
    return TrainingRun.objects.get(project=project), TrainingRun.objects.get(project=other_project)


def test_training_runs_listed_with_scores_for_own_projects(staff_moderator, runs):
    """The moderator sees their project's run with its F1 figures, not the other project's."""
    mine, theirs = runs
    response = staff_moderator.get(RUNS)
    assert response.status_code == 200
    assert [run.pk for run in response.context["cl"].result_list] == [mine.pk]
    html = response.content.decode()
    assert mine.model_version in html
    assert f"{mine.evaluation['claim']['exact']['f1']:.2f} / " in html
    assert staff_moderator.get(f"{RUNS}{theirs.pk}/change/").status_code in (302, 403, 404)
    assert staff_moderator.get(f"{RUNS}{mine.pk}/change/").status_code == 200


def test_train_again_action(staff_moderator, runs, settings):
    """The action queues a new run for the selected runs' project through the service."""
    settings.WORKBENCH_JOBS_INLINE = False
    mine, _theirs = runs
    response = staff_moderator.post(
        RUNS, {"action": "train_again", ACTION_CHECKBOX_NAME: [mine.pk]}, follow=True
    )
    assert response.status_code == 200
    latest = TrainingRun.objects.filter(project=mine.project).latest("pk")
    assert latest.pk != mine.pk and latest.status == "queued"
