"""Bad drafting requests: missing pairs (409), bad languages (400), empty segments skipped."""

import pytest

from tests.translation.factories import arabic_document
from workbench.corpus.models import Segment
from workbench.translation.models import Translation, TranslationJob


@pytest.fixture(autouse=True)
def inline_jobs(settings, installed):
    settings.WORKBENCH_JOBS_INLINE = True


def _post(api, user, document, **body):
    return api(user).post(f"/api/v1/documents/{document.pk}/translations/", body, "json")


def test_no_installed_pair_is_409_with_instructions(api, annotator, project, tmp_path, settings):
    """With no package installed the request is refused with how to install one."""
    document = arabic_document(project)
    settings.ARGOS_PACKAGES_DIR = tmp_path
    response = _post(api, annotator, document, target="en")
    assert response.status_code == 409
    assert "translation_models install" in response.json()["detail"]
    assert not TranslationJob.objects.exists()


def test_missing_pair_for_target_is_409(api, annotator, project):
    """Arabic to German is not installed, directly or through English."""
    response = _post(api, annotator, arabic_document(project), target="de")
    assert response.status_code == 409


@pytest.mark.parametrize(
    "body",
    [
        {"target": "ar", "source": "ar"},
        {"target": "xx"},
        {"target": "mixed"},
        {"target": "en", "source": "zz"},
        {"source": "ar"},
    ],
)
def test_bad_languages_are_400(api, annotator, project, body):
    """Same source and target, unknown codes and a missing target are 400s."""
    assert _post(api, annotator, arabic_document(project), **body).status_code == 400


def test_english_document_to_english_is_400(api, annotator, project):
    """Nothing to translate when every segment is already in the target language."""
    document = arabic_document(project, text="This is English.\n\nSo is this.\n", name="en.txt")
    response = _post(api, annotator, document, target="en")
    assert response.status_code == 400


def test_segments_of_another_document_are_400(api, annotator, project):
    """Segment ids must belong to the document."""
    document = arabic_document(project)
    other = arabic_document(project, text="نص آخر تماما.\n", name="other.txt")
    segment = other.segments.get()
    response = _post(api, annotator, document, target="en", segments=[segment.pk])
    assert response.status_code == 400


def test_outsider_gets_404(api, outsider, project):
    """People outside the project cannot see that the document exists."""
    assert _post(api, outsider, arabic_document(project), target="en").status_code == 404


def test_empty_segments_are_skipped(api, annotator, project, django_capture_on_commit_callbacks):
    """A blank segment gets no draft and counts as skipped."""
    document = arabic_document(project)
    blank = document.segments.order_by("index").first()
    Segment.objects.filter(pk=blank.pk).update(text="   ")
    with django_capture_on_commit_callbacks(execute=True):
        response = _post(api, annotator, document, target="en")
    job = TranslationJob.objects.get(pk=response.json()["id"])
    assert not Translation.objects.filter(segment=blank).exists()
    assert (job.drafted, job.skipped) == (4, 2)


def test_translation_models_endpoint_lists_pairs(api, annotator):
    """Installed pairs are listed with engine and package version."""
    response = api(annotator).get("/api/v1/translation-models/")
    assert response.status_code == 200
    pairs = {(p["source"], p["target"], p["package_version"]) for p in response.json()}
    assert ("ar", "en", "1.0") in pairs and ("en", "ar", "1.0") in pairs


@pytest.fixture
def broken_packages(settings, tmp_path):
    """A packages directory holding a package whose metadata is not JSON."""
    folder = tmp_path / "packages" / "translate-ar_en"
    (folder / "model").mkdir(parents=True)
    (folder / "metadata.json").write_text("{not json", encoding="utf-8")
    settings.ARGOS_PACKAGES_DIR = tmp_path / "packages"
    return folder


def test_broken_engine_is_503_not_a_missing_pair(api, annotator, project, broken_packages):
    """When the engine itself fails (a broken package), the answer is 503 naming the problem,
    not the 409 that says a pair is not installed."""
    response = _post(api, annotator, arabic_document(project), target="en")
    assert response.status_code == 503
    assert response.json()["code"] == "engine_failed"
    assert "translate-ar_en" in response.json()["detail"]
    assert not TranslationJob.objects.exists()


def test_listing_pairs_with_a_broken_engine_is_503(api, annotator, broken_packages):
    """The list of installed pairs says the engine failed instead of listing nothing."""
    response = api(annotator).get("/api/v1/translation-models/")
    assert response.status_code == 503
    assert "translate-ar_en" in response.json()["detail"]
