"""The admin lists installed pairs above the translations and approves through the service."""

from django.contrib.auth import get_user_model

from tests.factories import acting
from tests.translation.factories import arabic_document
from workbench.jobs.services import job_run
from workbench.translation.models import Status, Translation
from workbench.translation.services import JOB_KIND, translation_job_create


def test_changelist_shows_pairs_and_action_approves(client, project, installed):
    """The changelist names each installed pair with its version; the approve action works."""
    admin = get_user_model().objects.create_superuser("root", "root@example.org", "pw")
    document = arabic_document(project)
    job = translation_job_create(
        actor=acting(admin, document), document=document, target="en", submit=False
    )
    job_run(kind=JOB_KIND, job_id=job.pk)
    client.force_login(admin)
    page = client.get("/admin/translation/translation/")
    assert page.status_code == 200
    assert "translate-ar_en" in page.content.decode() and "1.0" in page.content.decode()
    first = Translation.objects.order_by("pk").first()
    response = client.post(
        "/admin/translation/translation/",
        {"action": "approve", "_selected_action": [first.pk]},
    )
    assert response.status_code == 302
    first.refresh_from_db()
    assert (first.status, first.reviewed_by) == (Status.APPROVED, admin)
    assert client.get("/admin/translation/translationjob/").status_code == 200
