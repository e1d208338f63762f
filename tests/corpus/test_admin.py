"""The admin: pages render, filters work, uploads import, moderators see only their projects."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.factories import MembershipFactory, ProjectFactory, UserFactory, make_document
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


@pytest.fixture
def staff_moderator(client, project):
    """A client logged in as a staff user who moderates ``project`` only."""
    user = MembershipFactory(
        project=project, role=Role.MODERATOR, user=UserFactory(is_staff=True)
    ).user
    client.force_login(user)
    client.user = user
    return client


@pytest.mark.parametrize("url", ["/admin/corpus/document/", "/admin/corpus/segment/"])
def test_filter_sidebars_name_only_moderated_projects(
    staff_moderator, document, other_project, url
):
    """The project filter in the sidebar lists the moderator's projects, not everyone's."""
    second = ProjectFactory(name="Second project of mine")
    MembershipFactory(project=second, user=staff_moderator.user, role=Role.MODERATOR)
    make_document(second, "Another document of mine.", name="second.txt")
    other_project.name = "Somebody else's project"
    other_project.save()
    make_document(other_project, "Someone else's document.", name="other.txt")
    page = staff_moderator.get(url).content.decode()
    assert "Second project of mine" in page
    assert "Somebody else" not in page


def test_members_inline_shows_existing_members(staff_moderator, project, annotator, reviewer):
    """A staff moderator sees every current member of their project in the inline."""
    page = staff_moderator.get(f"/admin/corpus/project/{project.pk}/change/").content.decode()
    assert 'name="memberships-INITIAL_FORMS" value="3"' in page
    for user in (annotator, reviewer, staff_moderator.user):
        assert f'<option value="{user.pk}" selected>' in page


def _inline_post(project, rows, initial=0):
    data = {
        "name": project.name,
        "description": "",
        "memberships-TOTAL_FORMS": str(len(rows)),
        "memberships-INITIAL_FORMS": str(initial),
    }
    for index, row in enumerate(rows):
        for key, value in row.items():
            data[f"memberships-{index}-{key}"] = value
        data[f"memberships-{index}-project"] = project.pk
    return data


def test_adding_an_existing_member_inline_is_a_form_error(staff_moderator, project, annotator):
    """Adding someone who is a member already (say, from a page loaded before they were added)
    shows an error on the form instead of a 500, and changes nothing."""
    staff_moderator.raise_request_exception = False
    rows = [{"user": annotator.pk, "role": "reviewer"}]
    response = staff_moderator.post(
        f"/admin/corpus/project/{project.pk}/change/", _inline_post(project, rows)
    )
    assert response.status_code == 200
    assert f"{annotator.username} is a member already" in response.content.decode()
    assert project.memberships.get(user=annotator).role == Role.ANNOTATOR


def test_members_inline_hands_over_moderation(staff_moderator, project, annotator):
    """In one save a moderator may promote someone and step down themselves."""
    rows = [
        {"id": m.pk, "user": m.user_id, "role": "moderator" if m.user == annotator else "reviewer"}
        for m in project.memberships.order_by("pk")
    ]
    response = staff_moderator.post(
        f"/admin/corpus/project/{project.pk}/change/", _inline_post(project, rows, initial=2)
    )
    assert response.status_code == 302
    assert project.memberships.get(user=annotator).role == Role.MODERATOR
    assert project.memberships.get(user=staff_moderator.user).role == Role.REVIEWER


def test_last_moderator_cannot_step_down_inline(staff_moderator, project):
    """The inline refuses to leave a project without a moderator."""
    membership = project.memberships.get()
    rows = [{"id": membership.pk, "user": membership.user_id, "role": "reviewer"}]
    response = staff_moderator.post(
        f"/admin/corpus/project/{project.pk}/change/", _inline_post(project, rows, initial=1)
    )
    assert response.status_code == 200
    assert "at least one moderator" in response.content.decode()
    assert project.memberships.get().role == Role.MODERATOR


def test_admin_upload_records_the_uploader(staff_moderator, project):
    """A document uploaded in the admin is imported by the service as the acting user."""
    response = staff_moderator.post(
        "/admin/corpus/document/add/",
        {"project": project.pk, "file": SimpleUploadedFile("a.txt", b"Hello admin.")},
    )
    assert response.status_code == 302
    assert Document.objects.get().imported_by == staff_moderator.user


def _member_search(client, term):
    return client.get(
        "/admin/autocomplete/",
        {"term": term, "app_label": "corpus", "model_name": "membership", "field_name": "user"},
    )


def test_members_inline_lists_no_accounts(staff_moderator, project, other_project):
    """The members inline offers no list of accounts: an empty add row has no user options,
    and people are picked through the admin's autocomplete search."""
    UserFactory(username="stranger-one")
    page = staff_moderator.get(f"/admin/corpus/project/{project.pk}/change/").content.decode()
    assert "stranger-one" not in page
    assert "admin-autocomplete" in page


def test_member_search_needs_part_of_a_name_and_stays_in_moderated_projects(
    staff_moderator, project, other_project
):
    """A moderator finds co-members of their projects by part of a name, others only by
    their exact username, and nobody with a term shorter than two characters."""
    second = ProjectFactory()
    MembershipFactory(project=second, user=staff_moderator.user, role=Role.MODERATOR)
    colleague = MembershipFactory(
        project=second, role=Role.ANNOTATOR, user=UserFactory(username="amal-colleague")
    ).user
    MembershipFactory(
        project=other_project, role=Role.ANNOTATOR, user=UserFactory(username="amal-outsider")
    )

    def names(term):
        response = _member_search(staff_moderator, term)
        assert response.status_code == 200
        return [row["text"] for row in response.json()["results"]]

    assert names("amal") == [colleague.username]
    assert names("amal-outsider") == ["amal-outsider"]
    assert names("") == [] and names("a") == []


def test_member_search_is_closed_to_staff_who_moderate_nothing(client, project):
    """Staff who moderate no project get 403 from the account search, and the accounts admin
    itself stays closed to moderators."""
    UserFactory(username="amal-someone")
    client.force_login(UserFactory(is_staff=True))
    assert _member_search(client, "amal-someone").status_code == 403
    moderator = MembershipFactory(
        project=project, role=Role.MODERATOR, user=UserFactory(is_staff=True)
    ).user
    client.force_login(moderator)
    assert client.get("/admin/auth/user/").status_code == 403
    assert _member_search(client, "amal-someone").status_code == 200
