"""Drafting jobs through the API: batching, run-aware drafts, cache, memory, pivots, resume."""

import pytest
from django.core.management import call_command
from django.utils import timezone

from tests.factories import acting
from tests.support.modelbuild import TINY, build_package
from tests.translation.factories import ENGLISH_RUN, TEXT, arabic_document
from workbench.jobs.models import JobStatus
from workbench.jobs.services import job_run, stale_after
from workbench.translation.engines.argos import ArgosEngine
from workbench.translation.engines.registry import load_engine
from workbench.translation.models import Origin, Status, Translation, TranslationJob
from workbench.translation.services import JOB_KIND, translation_job_create

ARGOS = "workbench.translation.engines.argos.ArgosEngine"


@pytest.fixture(autouse=True)
def inline_jobs(settings, installed):
    settings.WORKBENCH_JOBS_INLINE = True


@pytest.fixture
def engine() -> ArgosEngine:
    return load_engine(ARGOS)


def _draft(api, user, document, commit, **body):
    with commit(execute=True):
        response = api(user).post(
            f"/api/v1/documents/{document.pk}/translations/", {"target": "en", **body}, "json"
        )
    return response


def test_job_drafts_every_segment_in_order_with_one_engine_call(
    api, annotator, project, engine, django_capture_on_commit_callbacks
):
    """A 202 job drafts each non-English segment; drafts follow segment order; the engine is
    called once for the whole document; English-only segments get no draft."""
    document = arabic_document(project)
    before = engine.calls
    response = _draft(api, annotator, document, django_capture_on_commit_callbacks)
    assert response.status_code == 202
    assert set(response.json()) >= {"id", "status", "done", "total"}
    job = TranslationJob.objects.get(pk=response.json()["id"])
    assert (job.status, job.done, job.total) == (JobStatus.DONE, 6, 6)
    assert engine.calls - before == 1
    segments = list(document.segments.order_by("index"))
    drafted = [s for s in segments if s.language != "en"]
    translations = Translation.objects.filter(segment__document=document).order_by("segment__index")
    assert [t.segment_id for t in translations] == [s.pk for s in drafted]
    alone = ArgosEngine()
    first = translations[0]
    assert first.text == alone.translate_batch([drafted[0].text], "ar", "en")[0].text
    assert first.origin == Origin.MACHINE and first.status == Status.DRAFT
    assert (first.engine, first.package_code, first.package_version) == (
        "argos",
        "translate-ar_en",
        "1.0",
    )
    poll = api(annotator).get(f"/api/v1/jobs/{job.pk}/")
    assert poll.json()["done"] == poll.json()["total"] == 6


def test_mixed_segment_keeps_its_english_run(
    api, annotator, project, django_capture_on_commit_callbacks
):
    """In the mixed segment only the Arabic run is translated; the English run is unchanged
    and in place, and the Latin name NATO passes through."""
    document = arabic_document(project)
    _draft(api, annotator, document, django_capture_on_commit_callbacks)
    mixed = document.segments.get(language="mixed")
    draft = mixed.translations.get(target="en")
    assert draft.text.endswith(ENGLISH_RUN)
    assert "شعارنا" not in draft.text
    nato = document.segments.get(text__contains="NATO").translations.get()
    assert "NATO" in nato.text


def test_second_request_is_served_from_the_cache(
    api, annotator, project, engine, django_capture_on_commit_callbacks
):
    """Drafting the same text again costs no engine call and gives the same drafts."""
    document = arabic_document(project)
    _draft(api, annotator, document, django_capture_on_commit_callbacks)
    first = list(Translation.objects.order_by("segment__index").values_list("text", flat=True))
    Translation.objects.all().delete()
    before = (engine.calls, engine.texts_translated)
    _draft(api, annotator, document, django_capture_on_commit_callbacks)
    assert (engine.calls, engine.texts_translated) == before
    again = list(Translation.objects.order_by("segment__index").values_list("text", flat=True))
    assert again == first


def test_approved_translation_is_reused_as_exact_memory(
    api, annotator, reviewer, project, engine, django_capture_on_commit_callbacks
):
    """An approved text is reused, with origin memory, for identical source text elsewhere."""
    document = arabic_document(project)
    _draft(api, annotator, document, django_capture_on_commit_callbacks)
    approved = Translation.objects.order_by("segment__index").first()
    client = api(reviewer)
    api(annotator).patch(
        f"/api/v1/translations/{approved.pk}/", {"text": "The revolution goes on.", "version": 1}
    )
    assert client.post(f"/api/v1/translations/{approved.pk}/approve/").status_code == 200
    other = arabic_document(project, text=approved.segment.text + "\n", name="again.txt")
    before = engine.calls
    _draft(api, annotator, other, django_capture_on_commit_callbacks)
    reused = Translation.objects.get(segment__document=other)
    assert (reused.origin, reused.text, reused.memory_of_id) == (
        Origin.MEMORY,
        "The revolution goes on.",
        approved.pk,
    )
    assert engine.calls == before


def test_fuzzy_memory_shows_scores(
    api, annotator, reviewer, project, django_capture_on_commit_callbacks
):
    """Similar source text gets the approved translation offered with a score below 100."""
    document = arabic_document(project)
    _draft(api, annotator, document, django_capture_on_commit_callbacks)
    approved = document.segments.get(text__startswith="صحيفة").translations.get()
    api(reviewer).post(f"/api/v1/translations/{approved.pk}/approve/")
    similar = arabic_document(project, text="صحيفة من العمال والمظلومين.\n", name="sim.txt")
    segment = similar.segments.get()
    response = api(annotator).get(
        f"/api/v1/segments/{segment.pk}/translation-memory/", {"target": "en"}
    )
    assert response.status_code == 200
    [match] = response.json()
    assert match["translation"] == approved.pk and match["text"] == approved.text
    assert 60 <= match["score"] < 100


def test_pivot_through_english_is_recorded(
    api, annotator, project, django_capture_on_commit_callbacks
):
    """French to Arabic has no direct package: the draft goes fr→en→ar and says so."""
    document = arabic_document(
        project, text="La révolution syrienne continue malgré tout.\n", name="fr.txt"
    )
    response = _draft(api, annotator, document, django_capture_on_commit_callbacks, target="ar")
    assert response.status_code == 202
    draft = Translation.objects.get(segment__document=document)
    assert (draft.source, draft.target, draft.pivot) == ("fr", "ar", "en")
    assert draft.package_code == "translate-fr_en+translate-en_ar"


class ProcessDied(BaseException):
    """Stands for the worker process dying: nothing in the job code catches it."""


def _die_after_first_batch(job: TranslationJob) -> None:
    raise ProcessDied


def test_killed_job_resumes_after_its_last_batch(
    api, annotator, project, engine, settings, django_capture_on_commit_callbacks
):
    """A job whose worker dies after its first batch keeps those drafts, stays running under
    its owner, and on resume drafts only the rest, under a new claim."""
    settings.WORKBENCH_MT_JOB_BATCH_SIZE = 2
    document = arabic_document(project)
    job = translation_job_create(
        actor=acting(annotator, document), document=document, target="en", submit=False
    )
    with pytest.raises(ProcessDied):
        job_run(kind=JOB_KIND, job_id=job.pk, owner="w1", on_batch=_die_after_first_batch)
    job.refresh_from_db()
    assert (job.status, job.done, job.owner, job.attempts) == (JobStatus.RUNNING, 2, "w1", 1)
    kept = dict(Translation.objects.values_list("segment_id", "pk"))
    assert len(kept) == 2
    TranslationJob.objects.filter(pk=job.pk).update(heartbeat_at=timezone.now() - stale_after() * 2)
    before = engine.texts_translated
    with django_capture_on_commit_callbacks(execute=True):
        response = api(annotator).post(f"/api/v1/jobs/{job.pk}/resume/")
    assert response.status_code == 202
    job.refresh_from_db()
    assert (job.status, job.done, job.total) == (JobStatus.DONE, 6, 6)
    assert job.owner.startswith("inline ")
    assert Translation.objects.filter(segment__document=document).count() == 5
    assert all(Translation.objects.get(segment_id=s).pk == pk for s, pk in kept.items())
    assert (job.drafted, job.skipped) == (5, 1)
    assert engine.texts_translated > before


def test_running_job_cannot_be_resumed_twice(api, annotator, project):
    """Resuming a job that is making progress is a 409."""
    document = arabic_document(project)
    job = translation_job_create(
        actor=acting(annotator, document), document=document, target="en", submit=False
    )
    with pytest.raises(ProcessDied):
        job_run(kind=JOB_KIND, job_id=job.pk, owner="w1", on_batch=_die_after_first_batch)
    assert api(annotator).post(f"/api/v1/jobs/{job.pk}/resume/").status_code == 409


def test_cli_drafts_a_document(project, capsys):
    """``draft_translations --document`` drafts synchronously and reports what it did."""
    document = arabic_document(project)
    call_command("draft_translations", "--target", "en", "--document", str(document.pk))
    assert "done, 5 drafted, 1 skipped" in capsys.readouterr().out
    assert Translation.objects.filter(segment__document=document).count() == 5


def test_text_constant_has_six_segments(project):
    """The shared test document imports as six segments, one of them mixed."""
    document = arabic_document(project, text=TEXT)
    languages = list(document.segments.order_by("index").values_list("language", flat=True))
    assert languages == ["ar", "ar", "mixed", "en", "ar", "ar"]


def test_chinese_document_is_drafted_with_the_argos_zh_package(
    api, annotator, project, settings, tmp_path, seed_lines, django_capture_on_commit_callbacks
):
    """A zh-cn segment is drafted by the package argos calls zh→en, listed as zh-cn→en."""
    settings.ARGOS_PACKAGES_DIR = tmp_path / "packages"
    package = build_package(
        lines=seed_lines,
        from_code="zh",
        to_code="en",
        output=tmp_path / "zh_en.argosmodel",
        shape=TINY,
        seed=7,
    )
    call_command("translation_models", "install", str(package))
    document = arabic_document(project, text="工人们在港口罢工，要求提高工资。\n", name="zh.txt")
    assert document.segments.get().language == "zh-cn"
    pairs = api(annotator).get("/api/v1/translation-models/").json()
    assert [(p["source"], p["target"], p["package_code"]) for p in pairs] == [
        ("zh-cn", "en", "translate-zh_en")
    ]
    response = _draft(api, annotator, document, django_capture_on_commit_callbacks)
    assert response.status_code == 202
    translation = Translation.objects.get(segment__document=document)
    assert (translation.source, translation.package_code) == ("zh-cn", "translate-zh_en")
    assert translation.text.strip()


def test_each_draft_reaches_the_activity_feed(
    api, annotator, reviewer, project, django_capture_on_commit_callbacks
):
    """Every draft a job stores gets a 'draft' audit entry by the job's creator, so live views
    of the document learn about it from the project's feed."""
    document = arabic_document(project)
    response = _draft(api, annotator, document, django_capture_on_commit_callbacks)
    assert response.status_code == 202
    drafts = set(
        Translation.objects.filter(segment__document=document).values_list("pk", flat=True)
    )
    feed = api(reviewer).get(f"/api/v1/projects/{project.pk}/activity/", {"limit": 500}).json()
    drafted = [e for e in feed["results"] if e["action"] == "draft"]
    assert {e["object_id"] for e in drafted} == drafts and len(drafted) == len(drafts)
    assert {(e["object_type"], e["actor_name"]) for e in drafted} == {
        ("translation", annotator.username)
    }
    assert {e["after"]["origin"] for e in drafted} == {Origin.MACHINE}
