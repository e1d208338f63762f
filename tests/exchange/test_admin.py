"""The admin action on selected documents downloads their accepted annotations."""

import json

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.auth import get_user_model

from tests.factories import make_document

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/corpus/document/"


def run_action(client, action: str, ids: list[int]):
    return client.post(CHANGELIST, {"action": action, ACTION_CHECKBOX_NAME: ids})


def test_superuser_downloads_jsonl_of_selected_documents(client, corpus):
    """Selecting one document gives a JSONL attachment with that document only."""
    client.force_login(get_user_model().objects.create_superuser("root", "r@example.org", "pw"))
    response = run_action(client, "export_annotations_jsonl", [corpus.document.pk])
    assert response.streaming
    assert response["Content-Disposition"].endswith('.jsonl"')
    lines = [
        json.loads(line) for line in b"".join(response.streaming_content).decode().splitlines()
    ]
    assert [line["id"] for line in lines] == [corpus.document.pk]
    assert {a["status"] for a in lines[0]["annotations"]} == {"accepted"}


@pytest.mark.parametrize("action", ["export_annotations_csv", "export_annotations_webannotation"])
def test_other_formats_are_offered(client, corpus, action):
    """CSV and W3C Web Annotation downloads are actions too."""
    client.force_login(get_user_model().objects.create_superuser("root", "r@example.org", "pw"))
    response = run_action(client, action, [corpus.document.pk])
    assert "ستنخفض" in b"".join(response.streaming_content).decode()


def test_staff_moderator_exports_only_own_projects(client, corpus, moderator, other_project):
    """A staff moderator's selection of another project's document exports nothing of it."""
    moderator.is_staff = True
    moderator.save()
    client.force_login(moderator)
    foreign = make_document(other_project, "Secret text.", name="secret.txt")
    response = run_action(client, "export_annotations_jsonl", [corpus.document.pk, foreign.pk])
    body = b"".join(response.streaming_content).decode()
    assert "Secret text" not in body
    assert [json.loads(line)["id"] for line in body.splitlines()] == [corpus.document.pk]
