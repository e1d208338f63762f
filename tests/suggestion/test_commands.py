"""``manage.py suggest`` and ``manage.py train_recommenders``: their output formats."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from workbench.suggestion.models import TrainingRun

pytestmark = pytest.mark.django_db

KEYS = {"document", "label", "start", "end", "quote", "score", "recommender", "id", "links"}


def suggest(*args: str) -> str:
    out = StringIO()
    call_command("suggest", *args, stdout=out)
    return out.getvalue()


def test_suggest_json_lines(project, document):
    """One JSON object a line with exactly the documented keys; each link's target is the id
    of another line of the same output; offsets and quotes match the stored text."""
    lines = suggest("--project", project.name, "--json").splitlines()
    rows = [json.loads(line) for line in lines]
    assert rows
    ids = {row["id"] for row in rows}
    assert len(ids) == len(rows)
    for row in rows:
        assert set(row) == KEYS
        assert row["document"] == document.pk
        assert document.text[row["start"] : row["end"]] == row["quote"]
        assert row["recommender"] == "attribution-rules"
        for link in row["links"]:
            assert set(link) == {"type", "target"} and link["target"] in ids
    claim = next(row for row in rows if row["quote"] == "الطريق سيفتح الشهر المقبل")
    source = next(row for row in rows if row["id"] == claim["links"][0]["target"])
    assert (claim["label"], source["label"], source["quote"]) == (
        "claim",
        "source",
        "محافظ المدينة",
    )
    assert "محافظ" in lines[[r["id"] for r in rows].index(source["id"])]


def test_suggest_documents_and_text_output(project, document):
    """``--document`` limits the output; without ``--json`` a line is tab-separated."""
    other = suggest("--project", project.name, "--document", str(document.pk))
    first = other.splitlines()[0].split("\t")
    assert first[0].startswith(f"{document.pk}/") and len(first) == 5


def test_suggest_bad_arguments(project, document, other_project):
    """An unknown project, or a document of another project, is a command error."""
    with pytest.raises(CommandError, match="No project"):
        suggest("--project", "no such project")
    with pytest.raises(CommandError, match="No document"):
        suggest("--project", other_project.name, "--document", str(document.pk))


def test_train_recommenders_prints_the_self_evaluation(project, accepted_annotations, settings):
    """Training prints each trained recommender's version, sizes and P/R/F1 per label."""
    settings.WORKBENCH_SUGGESTION_MIN_TRAINING = 10
    out = StringIO()
    call_command("train_recommenders", "--project", project.name, stdout=out)
    run = TrainingRun.objects.get()
    text = out.getvalue()
    assert text.startswith(f"attribution-crf {run.model_version}: trained on {run.training_size}")
    assert "claim    exact" in text and "source   overlap" in text


def test_train_recommenders_unknown_project(db):
    with pytest.raises(CommandError, match="No project"):
        call_command("train_recommenders", "--project", "nope")
