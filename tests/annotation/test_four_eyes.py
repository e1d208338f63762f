"""Four-eyes review, a project setting on by default: nobody accepts or rejects their own
annotation or approves or rejects their own translation."""

import hashlib

import pytest

from workbench.translation.models import Origin, Translation

pytestmark = pytest.mark.django_db


def test_projects_have_four_eyes_review_by_default(project):
    assert project.four_eyes_review is True


@pytest.mark.parametrize("decision", ["accept", "reject"])
def test_reviewer_cannot_review_own_annotation(
    api, reviewer, moderator, document, annotate, decision
):
    """The author's own accept or reject is a 403 and changes nothing; another reviewer may."""
    annotation = annotate(reviewer, document, "taxes")
    url = f"/api/v1/annotations/{annotation.pk}/review/"
    body = {"decision": decision, "reason": "Not a claim."}
    own = api(reviewer).post(url, body, "json")
    assert own.status_code == 403
    assert "four-eyes" in own.json()["detail"]
    annotation.refresh_from_db()
    assert annotation.status == "pending" and annotation.reviewed_by is None
    assert api(moderator).post(url, body, "json").status_code == 200


def test_self_review_is_allowed_when_the_project_turns_it_off(
    api, reviewer, project, document, annotate
):
    """With four-eyes review off, a reviewer may accept their own annotation."""
    project.four_eyes_review = False
    project.save()
    annotation = annotate(reviewer, document, "taxes")
    response = api(reviewer).post(
        f"/api/v1/annotations/{annotation.pk}/review/", {"decision": "accept"}, "json"
    )
    assert response.status_code == 200


def _translation(document, author, origin=Origin.HUMAN) -> Translation:
    segment = document.segments.order_by("index").first()
    return Translation.objects.create(
        segment=segment,
        source="en",
        target="ar",
        source_sha256=hashlib.sha256(segment.text.encode()).hexdigest(),
        text="قال الوزير",
        origin=origin,
        engine="echo" if origin == Origin.MACHINE else "",
        created_by=author,
    )


@pytest.mark.parametrize("decision", ["approve", "reject"])
def test_reviewer_cannot_review_own_translation(api, reviewer, moderator, document, decision):
    """A translation written by hand by the reviewer is reviewed by someone else only."""
    translation = _translation(document, reviewer)
    url = f"/api/v1/translations/{translation.pk}/{decision}/"
    assert api(reviewer).post(url).status_code == 403
    translation.refresh_from_db()
    assert translation.reviewed_by is None
    assert api(moderator).post(url).status_code == 200


def test_an_edit_makes_the_editor_its_author(api, annotator, reviewer, document):
    """The reviewer who last edited a translation cannot approve it; the one who wrote it
    first can, since the text under review is no longer theirs."""
    translation = _translation(document, annotator)
    edited = api(reviewer).patch(
        f"/api/v1/translations/{translation.pk}/", {"text": "نص آخر", "version": 1}, "json"
    )
    assert edited.status_code == 200
    assert api(reviewer).post(f"/api/v1/translations/{translation.pk}/approve/").status_code == 403


def test_a_machine_draft_nobody_edited_can_be_approved_by_who_asked_for_it(api, reviewer, document):
    """Machine output is nobody's own work: the reviewer who ran the job may approve it."""
    translation = _translation(document, reviewer, origin=Origin.MACHINE)
    assert api(reviewer).post(f"/api/v1/translations/{translation.pk}/approve/").status_code == 200
