"""Training runs: stored with their model version, size, time and self-evaluation; too few
annotations keep the previous model; a corrupt or missing model falls back to the rules."""

import logging

import pytest
from django.core.management import call_command

from tests.factories import acting
from workbench.jobs.models import JobStatus
from workbench.suggestion.models import Outcome, TrainingRun
from workbench.suggestion.selectors import active_recommenders, document_suggestions

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def training_settings(settings):
    """Train on this small material and show the learned recommender whatever its F1."""
    settings.WORKBENCH_SUGGESTION_MIN_TRAINING = 10
    settings.WORKBENCH_SUGGESTION_MIN_F1 = 0.0
    settings.WORKBENCH_SUGGESTION_TRAIN_EVERY = 0


def names(project_id: int) -> list[str]:
    return [item.recommender.name for item in active_recommenders(project_id)]


def test_training_run_is_stored_with_its_self_evaluation(
    api, project, moderator, accepted_annotations, settings, django_capture_on_commit_callbacks
):
    """A moderator's training run trains the CRF on the accepted annotations, holds out a
    share, and stores version, sizes, seconds and P/R/F1 per label, exact and overlap, with
    the rules' figures on the same held-out texts; the learned recommender is then active."""
    with django_capture_on_commit_callbacks(execute=True):
        response = api(moderator).post(f"/api/v1/projects/{project.pk}/recommenders/train/")
    assert response.status_code == 202
    run = TrainingRun.objects.get()
    assert (run.status, run.outcome, run.error) == (JobStatus.DONE, Outcome.TRAINED, "")
    assert run.created_by == moderator and not run.automatic
    assert run.annotations_seen == len(accepted_annotations)
    assert run.training_size > 0 and run.held_out_size > 0
    assert run.training_size + run.held_out_size == len(accepted_annotations)
    assert run.seconds > 0 and run.model_version
    assert (settings.WORKBENCH_RECOMMENDER_MODELS_DIR / run.model_path).is_file()
    assert set(run.evaluation) == {"claim", "source"}
    for figures in run.evaluation.values():
        assert set(figures) == {"exact", "overlap"}
        for row in figures.values():
            assert set(row) == {"precision", "recall", "f1", "support"}
            assert 0 <= row["f1"] <= 1
    assert set(run.baseline) == {"attribution-rules"}
    assert names(project.pk) == ["attribution-rules", "attribution-crf"]
    rows = api(moderator).get(f"/api/v1/projects/{project.pk}/recommenders/").json()
    crf = next(row for row in rows if row["name"] == "attribution-crf")
    assert crf["shown"] is True and crf["version"] == run.model_version
    assert crf["last_run"]["evaluation"] == run.evaluation


def test_learned_suggestions_name_every_recommender(
    project, annotator, accepted_annotations, document
):
    """Once trained, a span both recommenders propose is one suggestion naming both, with
    the better score."""
    call_command("train_recommenders", "--project", project.name, stdout=None)
    found = document_suggestions(actor=acting(annotator, document), document=document)
    both = [s for s in found if len(s.recommenders) == 2]
    assert both, [(s.quote, s.recommenders) for s in found]
    assert all(set(s.recommenders) == {"attribution-rules", "attribution-crf"} for s in both)
    assert len({s.id for s in found}) == len(found)


def test_below_threshold_is_not_shown(project, accepted_annotations, settings):
    """A model whose self-evaluation is under ``WORKBENCH_SUGGESTION_MIN_F1`` proposes nothing."""
    settings.WORKBENCH_SUGGESTION_MIN_F1 = 1.01
    call_command("train_recommenders", "--project", project.name)
    assert TrainingRun.objects.get().outcome == Outcome.TRAINED
    assert names(project.pk) == ["attribution-rules"]


def test_too_few_annotations_keep_the_previous_model(
    capsys, project, accepted_annotations, settings
):
    """A run with too few accepted annotations says so and the previous model stays in use."""
    call_command("train_recommenders", "--project", project.name)
    first = TrainingRun.objects.get()
    settings.WORKBENCH_SUGGESTION_MIN_TRAINING = 1000
    call_command("train_recommenders", "--project", project.name)
    second = TrainingRun.objects.latest("pk")
    assert second.pk != first.pk
    assert (second.status, second.outcome) == (JobStatus.DONE, Outcome.TOO_FEW)
    assert "at least 1000" in second.message and not second.model_version
    assert "Too few accepted annotations" in capsys.readouterr().out
    active = {a.recommender.name: a for a in active_recommenders(project.pk)}
    assert active["attribution-crf"].context.model.version == first.model_version


def test_too_few_without_a_model_leaves_the_rules(project, annotator, label_types):
    """With no accepted annotation at all, the run ends too_few and only the rules propose."""
    call_command("train_recommenders", "--project", project.name)
    assert TrainingRun.objects.get().outcome == Outcome.TOO_FEW
    assert names(project.pk) == ["attribution-rules"]


@pytest.mark.parametrize("damage", ["corrupt", "truncated", "missing"])
def test_broken_model_falls_back_to_the_rules(
    damage, api, project, annotator, accepted_annotations, document, settings, caplog
):
    """A corrupt, truncated or missing model file logs a warning and the rules' suggestions
    are still listed (no 500)."""
    call_command("train_recommenders", "--project", project.name)
    path = settings.WORKBENCH_RECOMMENDER_MODELS_DIR / TrainingRun.objects.get().model_path
    if damage == "corrupt":
        path.write_bytes(b"not a model at all")
    elif damage == "truncated":
        path.write_bytes(path.read_bytes()[:200])
    else:
        path.unlink()
    with caplog.at_level(logging.WARNING, logger="workbench.suggestion.selectors"):
        response = api(annotator).get(f"/api/v1/documents/{document.pk}/suggestions/")
    assert response.status_code == 200
    results = response.json()["results"]
    assert results and {row["recommender"] for row in results} == {"attribution-rules"}
    assert any("attribution-crf" in record.getMessage() for record in caplog.records)


def test_training_starts_by_itself_when_due(
    api,
    project,
    annotator,
    accepted_annotations,
    document,
    settings,
    django_capture_on_commit_callbacks,
):
    """With ``WORKBENCH_SUGGESTION_TRAIN_EVERY`` accepted annotations since the last run, an
    accepted suggestion queues an automatic run."""
    settings.WORKBENCH_SUGGESTION_TRAIN_EVERY = len(accepted_annotations)
    body = {"id": "source:0:12", "quote": "The governor"}
    with django_capture_on_commit_callbacks(execute=True):
        response = api(annotator).post(
            f"/api/v1/documents/{document.pk}/suggestions/accept/", body, format="json"
        )
    assert response.status_code == 201
    run = TrainingRun.objects.get()
    assert run.automatic and run.created_by is None and run.outcome == Outcome.TRAINED


def test_no_second_run_while_one_is_queued(api, project, moderator, accepted_annotations, settings):
    """Asking to train while a run is queued returns that run rather than a second one."""
    settings.WORKBENCH_JOBS_INLINE = False
    client = api(moderator)
    first = client.post(f"/api/v1/projects/{project.pk}/recommenders/train/").json()
    again = client.post(f"/api/v1/projects/{project.pk}/recommenders/train/").json()
    assert [row["id"] for row in first] == [row["id"] for row in again]
    assert TrainingRun.objects.get().status == JobStatus.QUEUED
