"""The admin: pages render, filters work, uploads import, moderators see only their projects."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.factories import MembershipFactory, UserFactory, make_document
from workbench.corpus.access import moderated_projects
from workbench.corpus.models import Document, Role

pytestmark = pytest.mark.django_db

TEXT = "Strike!\n\nقال المتحدث: we will not go back <script>alert(1)</script>."


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


@pytest.fixture
def document(project):
    return make_document(project, TEXT)


@pytest.mark.parametrize(
    "url",
    [
        "/admin/corpus/project/",
        "/admin/corpus/document/",
        "/admin/corpus/segment/",
        "/admin/corpus/segment/?language=mixed",
        "/admin/corpus/document/?language=en",
        "/admin/corpus/document/add/",
    ],
)
def test_changelists_render(admin_client, document, url):
    """Every corpus admin page renders for a superuser."""
    assert admin_client.get(url).status_code == 200


def test_language_filter_and_escaping(admin_client, document):
    """The mixed filter lists only mixed segments, shown dir=auto with markup escaped."""
    page = admin_client.get("/admin/corpus/segment/?language=mixed").content.decode()
    assert 'dir="auto"' in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<script>alert(1)</script>" not in page
    assert 'isolate">Strike!' not in page
    detail = admin_client.get(f"/admin/corpus/document/{document.pk}/change/").content.decode()
    assert "&lt;script&gt;" in detail
    assert detail.count('<div dir="auto"') == len(TEXT.split("\n")), "one direction per line"
    assert f"/admin/annotation/annotation/agreement/{document.pk}/" in detail


def test_offsets_are_read_only(admin_client, document):
    """Posting new offsets to a segment changes nothing but the override."""
    segment = document.segments.first()
    response = admin_client.post(
        f"/admin/corpus/segment/{segment.pk}/change/",
        {"language_override": "fr", "start": 3, "end": 4},
    )
    assert response.status_code == 302
    segment.refresh_from_db()
    assert (segment.start, segment.language_override) == (0, "fr")


def test_upload_through_admin(admin_client, project):
    """The admin add form imports a file through the import service."""
    response = admin_client.post(
        "/admin/corpus/document/add/",
        {"project": project.pk, "file": SimpleUploadedFile("a.txt", b"Hello admin.")},
    )
    assert response.status_code == 302
    assert Document.objects.get().segments.count() == 1
    bad = admin_client.post(
        "/admin/corpus/document/add/",
        {"project": project.pk, "file": SimpleUploadedFile("b.txt", b"\xff\xfe")},
    )
    assert "b.txt is not valid UTF-8" in bad.content.decode()


def test_redetect_action(admin_client, document):
    """The action re-runs detection and restores detected values."""
    document.segments.update(language="fr")
    response = admin_client.post(
        "/admin/corpus/document/",
        {"action": "detect_language", "_selected_action": [document.pk]},
    )
    assert response.status_code == 302
    assert set(document.segments.values_list("language", flat=True)) == {"en", "mixed"}


def test_staff_moderator_sees_only_moderated_projects(client, document, other_project):
    """A staff moderator sees the projects they moderate and nothing of the others."""
    make_document(other_project, "Someone else's document.", name="other.txt")
    moderator = MembershipFactory(
        project=document.project, role=Role.MODERATOR, user=UserFactory(is_staff=True)
    ).user
    client.force_login(moderator)
    page = client.get("/admin/corpus/document/").content.decode()
    assert "Strike!" in page
    assert "other.txt" not in page
    other = Document.objects.get(source_name="other.txt")
    assert client.get(f"/admin/corpus/document/{other.pk}/change/").status_code == 302
    projects = client.get("/admin/corpus/project/").content.decode()
    assert document.project.name in projects and other_project.name not in projects


def test_staff_annotator_sees_nothing(client, document):
    """A staff user who moderates nothing gets no corpus admin."""
    user = MembershipFactory(
        project=document.project, role=Role.ANNOTATOR, user=UserFactory(is_staff=True)
    ).user
    client.force_login(user)
    assert client.get("/admin/corpus/document/").status_code == 403


def test_staff_annotator_in_a_moderated_project_sees_nothing(client, document, moderator):
    """A staff annotator gets no admin page of a project someone else moderates, and cannot
    add members to it: membership and role are checked on the same membership row."""
    user = MembershipFactory(
        project=document.project, role=Role.ANNOTATOR, user=UserFactory(is_staff=True)
    ).user
    newcomer = UserFactory()
    client.force_login(user)
    project = document.project
    for url in (
        "/admin/corpus/project/",
        "/admin/corpus/document/",
        "/admin/corpus/segment/",
        "/admin/annotation/annotation/",
        f"/admin/corpus/project/{project.pk}/change/",
    ):
        assert client.get(url).status_code in (302, 403), url
    index = client.get("/admin/").content.decode()
    assert project.name not in index and "/admin/corpus/" not in index
    client.post(
        f"/admin/corpus/project/{project.pk}/change/",
        {
            "name": project.name,
            "description": "",
            "memberships-TOTAL_FORMS": "1",
            "memberships-INITIAL_FORMS": "0",
            "memberships-0-project": project.pk,
            "memberships-0-user": newcomer.pk,
            "memberships-0-role": "moderator",
        },
    )
    assert not project.memberships.filter(user=newcomer).exists()
    assert list(moderated_projects(user)) == []


def test_staff_moderator_adds_a_member_inline(client, project):
    """A staff moderator adds a reviewer to their project through the members inline."""
    moderator = MembershipFactory(
        project=project, role=Role.MODERATOR, user=UserFactory(is_staff=True)
    ).user
    newcomer = UserFactory()
    client.force_login(moderator)
    url = f"/admin/corpus/project/{project.pk}/change/"
    assert client.get(url).status_code == 200
    membership = project.memberships.get()
    response = client.post(
        url,
        {
            "name": project.name,
            "description": "",
            "memberships-TOTAL_FORMS": "2",
            "memberships-INITIAL_FORMS": "1",
            "memberships-0-id": membership.pk,
            "memberships-0-project": project.pk,
            "memberships-0-user": moderator.pk,
            "memberships-0-role": "moderator",
            "memberships-1-project": project.pk,
            "memberships-1-user": newcomer.pk,
            "memberships-1-role": "reviewer",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert project.memberships.get(user=newcomer).role == Role.REVIEWER
