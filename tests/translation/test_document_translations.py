"""A document's translations in one call, and translations written by hand."""

import pytest

from tests.factories import acting
from tests.translation.factories import arabic_document
from workbench.jobs.services import job_run
from workbench.translation.models import Origin, Status, Translation
from workbench.translation.services import JOB_KIND, translation_job_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def drafted(project, installed, annotator):
    """An Arabic document drafted into English with the tiny test package."""
    document = arabic_document(project)
    job = translation_job_create(
        actor=acting(annotator, document), document=document, target="en", submit=False
    )
    job_run(kind=JOB_KIND, job_id=job.pk)
    return document


def test_document_translations_in_one_call(api, annotator, outsider, drafted):
    """GET lists every translation of the document in segment order, by target and ids."""
    url = f"/api/v1/documents/{drafted.pk}/translations/"
    client = api(annotator)
    rows = client.get(url, {"target": "en"}).json()
    expected = list(
        Translation.objects.filter(segment__document=drafted)
        .order_by("segment__index")
        .values_list("pk", flat=True)
    )
    assert [row["id"] for row in rows] == expected and len(expected) > 1
    assert client.get(url, {"target": "fr"}).json() == []
    some = client.get(url, {"ids": f"{expected[0]},{expected[-1]}"}).json()
    assert [row["id"] for row in some] == [expected[0], expected[-1]]
    assert client.get(url, {"ids": "1,x"}).status_code == 400
    assert client.get(url, {"ids": str(2**64)}).status_code == 400
    assert api(outsider).get(url).status_code == 404


def test_write_a_translation_by_hand(api, annotator, reviewer, outsider, project, installed):
    """POST on a segment writes a human translation, audited; a second one gets 409 with the
    existing text, and a segment already in the target language gets 400."""
    document = arabic_document(project)
    arabic = document.segments.get(index=0)
    english = document.segments.get(text="This line is English only.")
    url = f"/api/v1/segments/{arabic.pk}/translations/"
    created = api(annotator).post(url, {"target": "en", "text": "The revolution goes on."}, "json")
    assert created.status_code == 201, created.json()
    body = created.json()
    assert (body["origin"], body["status"], body["source"], body["created_by"]) == (
        Origin.HUMAN,
        Status.DRAFT,
        "ar",
        annotator.username,
    )
    assert created["ETag"] == f'"{body["id"]}-1"'
    again = api(reviewer).post(url, {"target": "en", "text": "Another."}, "json")
    assert again.status_code == 409
    assert again.json()["current"]["text"] == "The revolution goes on."
    same = api(annotator).post(
        f"/api/v1/segments/{english.pk}/translations/", {"target": "en", "text": "x"}, "json"
    )
    assert same.status_code == 400 and "target" in same.json()
    second = document.segments.get(index=1)
    empty = api(annotator).post(
        f"/api/v1/segments/{second.pk}/translations/", {"target": "en", "text": "  "}, "json"
    )
    assert empty.status_code == 400 and "text" in empty.json()
    assert api(outsider).post(url, {"target": "en", "text": "x"}, "json").status_code == 404
    feed = api(annotator).get(f"/api/v1/projects/{project.pk}/activity/").json()["results"]
    assert [(e["object_type"], e["action"]) for e in feed] == [("translation", "create")]
