"""Fuzzy translation memory on PostgreSQL uses pg_trgm over every approved translation; on
other databases it falls back to rapidfuzz over the newest ones."""

import pytest
from django.db import connection

from tests.factories import acting
from tests.translation.factories import arabic_document
from workbench.jobs.services import job_run
from workbench.translation import memory, services
from workbench.translation.models import Translation
from workbench.translation.services import JOB_KIND

pytestmark = pytest.mark.usefixtures("installed")

OLD = "صحيفة من العمال والمظلومين العرب."
NEWER = ["الثورة السورية مستمرة.", "لا بديل عن إسقاط الأسد.", "قال الرئيس إن الحرب انتهت."]


def _approve_in_order(project, annotator, reviewer) -> list[Translation]:
    """Draft and approve OLD first, then the NEWER sentences, each in its own document."""
    approved = []
    for index, text in enumerate([OLD, *NEWER]):
        document = arabic_document(project, text=text + "\n", name=f"{index}.txt")
        job = services.translation_job_create(
            actor=acting(annotator, document), document=document, target="en", submit=False
        )
        job_run(kind=JOB_KIND, job_id=job.pk)
        draft = Translation.objects.get(segment__document=document)
        approved.append(
            services.translation_approve(actor=acting(reviewer, draft), translation=draft)
        )
    return approved


@pytest.mark.skipif(connection.vendor == "postgresql", reason="the fallback is for non-PostgreSQL")
def test_without_postgresql_no_trigram_search_is_attempted(db):
    """SQLite has no pg_trgm: the memory says so and keeps to rapidfuzz."""
    assert memory.trigram_available() is False


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL (DATABASE_URL)")
def test_migrations_install_pg_trgm(db):
    """The translation migrations create the pg_trgm extension on PostgreSQL."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT extname FROM pg_extension WHERE extname = 'pg_trgm'")
        assert cursor.fetchone() == ("pg_trgm",)
    assert memory.trigram_available() is True


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL (DATABASE_URL)")
def test_trigram_search_finds_matches_older_than_the_fallback_window(
    api, project, annotator, reviewer, monkeypatch
):
    """With room for only two candidates in the fallback window, an older similar approved
    translation is still offered on PostgreSQL, with its rapidfuzz score."""
    monkeypatch.setattr(memory, "FUZZY_CANDIDATES", 2)
    old = _approve_in_order(project, annotator, reviewer)[0]
    similar = arabic_document(project, text="صحيفة من العمال والمظلومين.\n", name="sim.txt")
    segment = similar.segments.get()
    response = api(annotator).get(
        f"/api/v1/segments/{segment.pk}/translation-memory/", {"target": "en"}
    )
    assert response.status_code == 200
    [match] = response.json()
    assert match["translation"] == old.pk
    assert 60 <= match["score"] < 100
