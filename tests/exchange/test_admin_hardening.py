"""The admin's export actions export nothing for an empty or foreign selection and count
against the API's export rate; hard deletes are for superusers only, and audited."""

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME

from tests.factories import make_document
from workbench.audit.models import AuditEntry
from workbench.corpus.models import Document, Project
from workbench.translation.models import Translation

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/corpus/document/"


def _staff(user):
    user.is_staff = True
    user.save()
    return user


def test_foreign_selection_exports_nothing_and_says_so(client, corpus, moderator, other_project):
    """Selecting only another project's document downloads nothing at all (not everything the
    moderator can see) and says why."""
    client.force_login(_staff(moderator))
    foreign = make_document(other_project, "Secret text.", name="secret.txt")
    response = client.post(
        CHANGELIST,
        {"action": "export_annotations_jsonl", ACTION_CHECKBOX_NAME: [foreign.pk]},
        follow=True,
    )
    assert not getattr(response, "streaming", False)
    page = response.content.decode()
    assert "nothing was exported" in page
    assert "Secret text" not in page


def test_admin_exports_count_against_the_export_rate(settings, client, corpus, moderator):
    """Past the per-user export rate, the admin action answers 429 with Retry-After, and the
    API's exports share the same count."""
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {
            **settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"],
            "export": "2/minute",
        },
    }
    client.force_login(_staff(moderator))
    body = {"action": "export_annotations_jsonl", ACTION_CHECKBOX_NAME: [corpus.document.pk]}
    assert client.post(CHANGELIST, body).streaming
    api = client.get("/api/v1/export/annotations/", {"format": "jsonl"})
    assert api.status_code == 200
    refused = client.post(CHANGELIST, body)
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) > 0


def test_staff_moderators_cannot_hard_delete_documents(client, corpus, moderator):
    """A staff moderator gets no delete action and a 403 on the delete page."""
    client.force_login(_staff(moderator))
    page = client.get(CHANGELIST).content.decode()
    assert 'value="delete_selected"' not in page
    delete = client.post(f"{CHANGELIST}{corpus.document.pk}/delete/", {"post": "yes"})
    assert delete.status_code == 403
    assert Document.objects.filter(pk=corpus.document.pk).exists()
    translations = client.get("/admin/translation/translation/").content.decode()
    assert 'value="delete_selected"' not in translations


def test_only_superusers_hard_delete_translations(admin_client, client, corpus, moderator):
    """A staff moderator cannot delete a translation; a superuser can."""
    translations = "/admin/translation/translation/"
    target = corpus.draft_en
    client.force_login(_staff(moderator))
    refused = client.post(f"{translations}{target.pk}/delete/", {"post": "yes"})
    assert refused.status_code == 403
    body = {"action": "delete_selected", ACTION_CHECKBOX_NAME: [target.pk], "post": "yes"}
    response = admin_client.post(translations, body)
    assert response.status_code == 302
    assert not Translation.objects.filter(pk=target.pk).exists()


def test_hard_deletes_are_audited(admin_client, corpus, caplog):
    """A superuser's hard delete of a translation leaves a ``purge`` entry in the project's
    trail naming who deleted what and how many rows went with it, and a line in the audit log.
    Documents (with segments and annotations) and projects (with their trail) are not
    hard-deleted in the admin at all."""
    translation = corpus.draft_en
    project_id = corpus.document.project_id
    body = {"action": "delete_selected", ACTION_CHECKBOX_NAME: [translation.pk], "post": "yes"}
    with caplog.at_level("WARNING", logger="workbench.audit"):
        response = admin_client.post("/admin/translation/translation/", body)
    assert response.status_code == 302
    assert not Translation.objects.filter(pk=translation.pk).exists()
    entry = AuditEntry.objects.get(action="purge", object_id=translation.pk)
    assert entry.project_id == project_id and entry.actor.is_superuser
    assert entry.content_type.model == "translation"
    assert entry.before["removed"]["translation.Translation"] == 1
    assert f"translation.Translation #{translation.pk}" in caplog.text
    document = corpus.document
    refused = admin_client.post(f"{CHANGELIST}{document.pk}/delete/", {"post": "yes"})
    assert refused.status_code == 403
    refused = admin_client.post(f"/admin/corpus/project/{project_id}/delete/", {"post": "yes"})
    assert refused.status_code == 403
    assert Project.objects.filter(pk=project_id).exists()
    assert Document.objects.filter(pk=document.pk).exists()
