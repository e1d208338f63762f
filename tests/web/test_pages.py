"""The browser pages through Django's test client: login, project lists, upload, the reader."""

import json
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.factories import MembershipFactory, ProjectFactory, UserFactory, acting, make_document
from workbench.annotation.services import annotation_create, annotation_review
from workbench.corpus.models import Document, Role
from workbench.translation.models import Origin, Translation
from workbench.translation.models import Status as TranslationStatus

pytestmark = pytest.mark.django_db

TEXT = (
    "Strikes spread to the ports.\n\n"
    "قال المتحدث باسم النقابة: we will not go back.\n\n"
    "Critics at the <script>alert(1)</script> institute disagree."
)


@pytest.fixture
def document(project, label_types):
    return make_document(project, TEXT, name="strike.txt")


def test_anonymous_user_gets_the_login_page(client):
    """/ sends an anonymous visitor to /accounts/login/, a form with username and password."""
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/"
    page = client.get("/accounts/login/").content.decode()
    assert 'name="username"' in page and 'name="password"' in page
    assert "csrfmiddlewaretoken" in page


def test_login_lands_on_the_users_projects(client, project, other_project, annotator):
    """After logging in, a member sees their own projects and not the others."""
    response = client.post(
        "/accounts/login/",
        {"username": annotator.username, "password": "correct horse battery staple"},
    )
    assert response.status_code == 302 and response["Location"] == "/"
    page = client.get("/").content.decode()
    assert project.name in page
    assert other_project.name not in page
    assert "Annotator" in page


def test_wrong_password_is_refused(client, annotator):
    """A wrong password shows the form again with an error and logs nobody in."""
    response = client.post("/accounts/login/", {"username": annotator.username, "password": "x"})
    assert response.status_code == 200
    assert "didn" in response.content.decode()
    assert client.get("/").status_code == 302


def test_logout_needs_a_post(client, annotator):
    """Logging out is a POST (CSRF-protected) and leads back to the login page."""
    client.force_login(annotator)
    response = client.post("/accounts/logout/")
    assert response.status_code == 302 and response["Location"] == "/accounts/login/"
    assert client.get("/").status_code == 302


def test_outsiders_get_404(client, document, outsider):
    """Someone outside the project cannot see its page or its documents."""
    client.force_login(outsider)
    assert client.get(f"/projects/{document.project_id}/").status_code == 404
    assert client.get(f"/documents/{document.pk}/").status_code == 404
    upload = SimpleUploadedFile("a.txt", b"Hello.")
    assert (
        client.post(f"/projects/{document.project_id}/upload/", {"file": upload}).status_code == 404
    )


def test_project_page_filters_and_progress(
    client, project, document, annotator, reviewer, label_types
):
    """Search and the language filter narrow the list; progress counts reviewed segments."""
    make_document(project, "Only English here.\n\nAnd a second line.", name="en.txt")
    claim = annotation_create(
        actor=acting(annotator, document),
        document=document,
        label_type_id=1,
        start=0,
        end=7,
        quote="Strikes",
        attributes={"checkworthy": "yes"},
    )
    annotation_review(actor=acting(reviewer, claim), annotation=claim, decision="accept")
    segment = document.segments.get(index=1)
    Translation.objects.create(
        segment=segment,
        source="ar",
        target="en",
        source_sha256="x",
        text="The spokesman said: we will not go back.",
        origin=Origin.HUMAN,
        status=TranslationStatus.APPROVED,
        reviewed_by=reviewer,
        reviewed_at=segment.document.imported_at,
    )
    client.force_login(reviewer)
    page = client.get(f"/projects/{project.pk}/").content.decode()
    row = page[page.index(f'data-document-id="{document.pk}"') :]
    assert re.search(r'data-testid="annotated-share">33%', row)
    assert re.search(r'data-testid="translated-share">33%', row)
    mixed = client.get(f"/projects/{project.pk}/?language=mixed").content.decode()
    assert "strike.txt" in mixed and "en.txt" not in mixed
    found = client.get(f"/projects/{project.pk}/?q=only").content.decode()
    assert "en.txt" in found and "strike.txt" not in found


def test_unknown_language_filter_is_ignored_with_the_form_error(
    client, project, document, annotator
):
    """A language that is not in the project is rejected by the form, and the list stays whole."""
    client.force_login(annotator)
    page = client.get(f"/projects/{project.pk}/?language=xx").content.decode()
    assert "strike.txt" in page
    assert 'role="alert">Select a valid choice' in page


def test_mixed_filter_is_offered_even_without_mixed_segments(client, project, annotator):
    """The language filter always offers mixed; with no mixed segment it lists nothing."""
    make_document(project, "Only English here.", name="en.txt")
    client.force_login(annotator)
    page = client.get(f"/projects/{project.pk}/?language=mixed").content.decode()
    assert '<option value="mixed" selected>' in page
    assert "en.txt" not in page and "No documents match." in page


def test_upload_imports_or_says_why_not(client, project, annotator):
    """A text file becomes a document; a binary file gets the import's precise message."""
    client.force_login(annotator)
    good = SimpleUploadedFile("note.txt", "Hello.\n\nمرحبا.".encode())
    response = client.post(f"/projects/{project.pk}/upload/", {"file": good})
    document = Document.objects.get(source_name="note.txt")
    assert response["Location"] == f"/documents/{document.pk}/"
    assert document.imported_by == annotator
    bad = SimpleUploadedFile("blob.txt", b"\x00\x01\x02")
    response = client.post(f"/projects/{project.pk}/upload/", {"file": bad}, follow=True)
    assert "blob.txt looks like a binary file" in response.content.decode()
    assert not Document.objects.filter(source_name="blob.txt").exists()


def test_workspace_escapes_document_text(client, document, annotator):
    """Document text is escaped in the markup and in the embedded data."""
    client.force_login(annotator)
    page = client.get(f"/documents/{document.pk}/").content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    data = re.search(
        r'<script id="workspace-data" type="application/json">(.*?)</script>', page, re.S
    )
    payload = json.loads(data.group(1))
    assert payload["document"]["text"] == TEXT
    assert [s["id"] for s in payload["segments"]] == list(
        document.segments.order_by("index").values_list("pk", flat=True)
    )
    assert payload["me"]["role"] == Role.ANNOTATOR and payload["me"]["can_review"] is False
    assert page.count("data-segment-id=") == 3
    assert 'dir="auto"' in page


def test_arabic_interface_flips_the_page(client, project, annotator):
    """With Arabic chosen, <html> says lang=ar dir=rtl and the interface speaks Arabic."""
    client.force_login(annotator)
    response = client.post("/i18n/setlang/", {"language": "ar", "next": "/"})
    assert response.status_code == 302
    page = client.get("/").content.decode()
    assert '<html lang="ar" dir="rtl">' in page
    assert "مشاريعك" in page
    english = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert english.status_code == 302
    assert '<html lang="en" dir="ltr">' in client.get("/").content.decode()


def test_admin_view_site_leads_to_the_workspace(client):
    """The admin's "View site" link goes to /."""
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    assert 'href="/"' in client.get("/admin/").content.decode()


def test_staff_member_without_projects_sees_an_empty_list(client):
    """A user with no membership gets a friendly empty list, not an error."""
    client.force_login(UserFactory())
    page = client.get("/").content.decode()
    assert "not a member of any project" in page


def test_project_list_counts_documents(client, annotator, project):
    """Each project shows its number of documents."""
    make_document(project, "One.", name="one.txt")
    make_document(project, "Two.", name="two.txt")
    MembershipFactory(project=ProjectFactory(), user=annotator, role=Role.REVIEWER)
    client.force_login(annotator)
    page = client.get("/").content.decode()
    assert "2 documents" in page and "0 documents" in page


def test_project_page_offers_exports(client, project, document, annotator):
    """The project page's export forms lead to the export API for this project, and
    submitting one downloads a file."""
    client.force_login(annotator)
    page = client.get(f"/projects/{project.pk}/").content.decode()
    assert 'action="/api/v1/export/annotations/"' in page
    assert 'action="/api/v1/export/translations/"' in page
    assert f'name="project" value="{project.pk}"' in page
    response = client.get(
        "/api/v1/export/annotations/", {"project": project.pk, "format": "csv", "status": "all"}
    )
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]


def test_javascript_catalog_per_language(client, annotator):
    """The scripts' catalog is served in the interface language the page names."""
    client.force_login(annotator)
    english = client.get("/i18n/catalog.js", {"l": "en"}).content.decode()
    client.post("/i18n/setlang/", {"language": "ar", "next": "/"})
    arabic = client.get("/i18n/catalog.js", {"l": "ar"}).content.decode()
    mine = "احفظ نسختي مكان نسختهم".encode("unicode_escape").decode()
    assert '"Save mine over theirs"' in arabic and mine in arabic
    assert '"Save mine over theirs"' not in english
