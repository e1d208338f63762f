"""List filters offer and accept only what the user may see; a foreign id is an unknown id."""

import pytest

from tests.annotation.conftest import ATTRIBUTES
from tests.factories import MembershipFactory, UserFactory, acting, make_document
from workbench.annotation import services as annotation_services
from workbench.corpus.models import Role

pytestmark = pytest.mark.django_db


def _annotate(user, document, word, kind, label_types):
    start = document.text.index(word)
    return annotation_services.annotation_create(
        actor=acting(user, document),
        document=document,
        label_type_id=label_types[kind].pk,
        start=start,
        end=start + len(word),
        quote=word,
        attributes=ATTRIBUTES[kind],
    )


@pytest.fixture
def worlds(project, other_project, annotator, label_types):
    """The annotator's project and another project with its own document, people and links."""
    mine = make_document(project, "The minister said taxes will fall.", name="mine.txt")
    secret_author = MembershipFactory(
        project=other_project, role=Role.MODERATOR, user=UserFactory(username="secret-author")
    ).user
    theirs = make_document(other_project, "Secret plans of the ministry.", name="theirs.txt")
    claim = _annotate(secret_author, theirs, "plans", "claim", label_types)
    source = _annotate(secret_author, theirs, "ministry", "source", label_types)
    link = annotation_services.link_create(
        actor=acting(secret_author, claim), source=claim, target=source, link_type="attributed_to"
    )
    _annotate(annotator, mine, "taxes", "claim", label_types)
    return {"mine": mine, "theirs": theirs, "claim": claim, "link": link}


@pytest.mark.parametrize(
    "url",
    ["/api/v1/documents/", "/api/v1/segments/", "/api/v1/annotations/", "/api/v1/links/"],
)
def test_browsable_filter_forms_list_only_own_projects(api, annotator, other_project, worlds, url):
    """The filter form of the browsable API names no project, document or user of others."""
    page = api(annotator).get(url, HTTP_ACCEPT="text/html").content.decode()
    assert "Filters" in page
    assert other_project.name not in page
    assert "Secret plans" not in page and "theirs.txt" not in page
    assert "secret-author" not in page


@pytest.mark.parametrize(
    ("url", "foreign"),
    [
        ("/api/v1/documents/?project={}", lambda w: w["theirs"].project_id),
        ("/api/v1/segments/?document={}", lambda w: w["theirs"].pk),
        ("/api/v1/annotations/?document={}", lambda w: w["theirs"].pk),
        ("/api/v1/annotations/?author={}", lambda w: w["claim"].author_id),
        ("/api/v1/links/?document={}", lambda w: w["theirs"].pk),
        ("/api/v1/links/?source={}", lambda w: w["claim"].pk),
        ("/api/v1/links/?target={}", lambda w: w["link"].target_id),
    ],
)
def test_foreign_id_answers_like_an_unknown_id(api, annotator, worlds, url, foreign):
    """Filtering by another project's object gets the same 400 as an id that does not exist."""
    client = api(annotator)
    outside = client.get(url.format(foreign(worlds)))
    unknown = client.get(url.format(987654))
    assert outside.status_code == unknown.status_code == 400
    parameter = url.split("?")[1].split("=")[0]
    assert outside.json() == unknown.json()
    assert parameter in outside.json()


def test_own_ids_still_filter(api, annotator, worlds):
    """Filtering by the user's own project and document works as before."""
    client = api(annotator)
    mine = worlds["mine"]
    assert client.get("/api/v1/documents/", {"project": mine.project_id}).json()["count"] == 1
    assert client.get("/api/v1/segments/", {"document": mine.pk}).json()["count"] == 1
    assert client.get("/api/v1/annotations/", {"author": annotator.pk}).json()["count"] == 1
