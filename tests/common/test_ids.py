"""Ids and versions are 1 to 19 ASCII digits everywhere, through one parser: what used to
give a 500 (a superscript digit, 5,000 digits) is a 400 naming the field or a 404."""

import pytest

from tests.annotation.conftest import TEXT, annotate  # noqa: F401 (fixture)
from tests.factories import make_document
from workbench.common.fields import MAX_ID, parse_id

pytestmark = pytest.mark.django_db

HUGE = "9" * 5000


@pytest.fixture
def document(project, label_types):
    return make_document(project, TEXT)


@pytest.fixture
def client(api, moderator):
    client = api(moderator)
    client.raise_request_exception = False
    return client


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("0", 0),
        ("12", 12),
        (str(MAX_ID), MAX_ID),
        (7, 7),
        (str(MAX_ID + 1), None),
        ("1" * 20, None),
        (HUGE, None),
        ("²", None),
        ("٣", None),
        ("-1", None),
        ("+1", None),
        (" 1", None),
        ("1.0", None),
        ("", None),
        (True, None),
        (1.0, None),
        (-1, None),
        (None, None),
    ],
)
def test_parse_id_accepts_only_ascii_digits_that_fit_a_key(value, expected):
    """Only 1 to 19 ASCII digits (or an int) from 0 to 2**63-1 are an id."""
    assert parse_id(value) == expected


@pytest.mark.parametrize("tag", ['"86-²"', f'"86-{HUGE}"', f'"{HUGE}-1"', '"٣-1"', '"86-"'])
def test_bad_if_match_is_a_400(client, moderator, document, annotate, tag):  # noqa: F811
    """An If-Match whose id or version is not plain digits is a 400 naming If-Match."""
    annotation = annotate(moderator, document, "taxes")
    response = client.patch(
        f"/api/v1/annotations/{annotation.pk}/", {"attributes": {}}, "json", HTTP_IF_MATCH=tag
    )
    assert response.status_code == 400
    assert "If-Match" in response.json()
    gone = client.delete(f"/api/v1/annotations/{annotation.pk}/", HTTP_IF_MATCH=tag)
    assert gone.status_code == 400


@pytest.mark.parametrize("version", [HUGE, "²", "٣", -1])
def test_bad_version_in_the_body_is_a_400(client, moderator, document, annotate, version):  # noqa: F811
    """A version that is not 1 to 19 ASCII digits is a 400 naming ``version``."""
    annotation = annotate(moderator, document, "taxes")
    response = client.patch(
        f"/api/v1/annotations/{annotation.pk}/",
        {"version": version, "attributes": {}},
        "json",
    )
    assert response.status_code == 400
    assert "version" in response.json()


@pytest.mark.parametrize("label_type", ["²", "٣", HUGE])
def test_export_with_a_digit_like_label_type_is_a_400(client, project, document, label_type):
    """``label_type=²`` (or 5,000 digits) on export is an unknown label type, not a 500."""
    response = client.get(
        "/api/v1/export/annotations/",
        {"project": project.pk, "label_type": label_type, "format": "jsonl"},
    )
    assert response.status_code == 400
    assert "label_type" in response.json()


@pytest.mark.parametrize("member", [HUGE, str(MAX_ID + 1)])
def test_removing_a_member_with_a_huge_id_is_a_404(client, project, member):
    """A member id no key can hold is simply not found."""
    response = client.delete(f"/api/v1/projects/{project.pk}/members/{member}/")
    assert response.status_code == 404


@pytest.mark.parametrize("pk", ["٣", "²", HUGE])
def test_digit_like_path_ids_are_not_found(client, project, pk):
    """A project id of Unicode digits does not reach project 3: it is not found."""
    assert client.get(f"/api/v1/projects/{pk}/").status_code == 404


def test_unicode_digits_in_an_id_list_are_refused(client, project, document):
    """A document id list with a non-ASCII digit is a 400 naming the field."""
    response = client.get(
        "/api/v1/export/annotations/", {"project": project.pk, "document": "٣", "format": "jsonl"}
    )
    assert response.status_code == 400
    assert "document" in response.json()
