"""A large import does not hold the database's write lock while it analyses the text, and a
write that times out on the lock gets 503 with Retry-After instead of a 500."""

import threading
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import OperationalError, connection, connections, transaction

from tests.factories import FACTORY_ACTOR
from workbench.corpus import services
from workbench.corpus.models import Document, Project
from workbench.corpus.services import document_import

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def large_text(size: int = 1_000_000) -> bytes:
    """About ``size`` bytes of real text: the seeds, repeated."""
    seeds = "\n\n".join(p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt")))
    return (
        ((seeds + "\n\n") * (size // len(seeds.encode()) + 1)).encode()[:size].rsplit(b"\n", 1)[0]
    )


def in_thread(work) -> list[str]:
    """Run ``work`` on another thread (another database connection); return what happened."""
    outcome: list[str] = []

    def run() -> None:
        try:
            work()
            outcome.append("written")
        except OperationalError as exc:
            outcome.append(f"refused: {exc}")
        finally:
            connections.close_all()

    thread = threading.Thread(target=run)
    thread.start()
    thread.join(60)
    return outcome


@pytest.mark.django_db(transaction=True)
def test_other_writes_go_through_while_a_large_file_is_analysed(project, monkeypatch, settings):
    """While a 1 MB file is segmented and its language detected, another connection writes
    at once; the import then stores the whole document (the segment limit is raised for it)."""
    settings.WORKBENCH_MAX_SEGMENTS = 10_000
    outcome: list[str] = []
    analyse = services.detect_segments

    def analyse_while_someone_writes(texts):
        outcome.extend(in_thread(lambda: Project.objects.create(name="Written meanwhile")))
        return analyse(texts)

    monkeypatch.setattr(services, "detect_segments", analyse_while_someone_writes)
    result = document_import(
        actor=FACTORY_ACTOR, project=project, name="big.txt", data=large_text()
    )
    assert outcome == ["written"]
    assert Project.objects.filter(name="Written meanwhile").exists()
    assert result.document.segments.count() > 5000
    assert Document.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_lock_timeout_is_503_with_retry_after(api, annotator, project):
    """When another writer holds the lock past the timeout, the API answers 503 with
    Retry-After and a message, and nothing is stored."""
    if connection.vendor != "sqlite":
        pytest.skip("PostgreSQL writers of different rows do not wait for each other")
    holding, release = threading.Event(), threading.Event()

    def hold_the_write_lock() -> None:
        try:
            with transaction.atomic():
                Project.objects.create(name="Holding the lock")
                holding.set()
                release.wait(30)
        finally:
            connections.close_all()

    holder = threading.Thread(target=hold_the_write_lock)
    holder.start()
    assert holding.wait(30)
    try:
        client = api(annotator)
        client.raise_request_exception = False
        response = client.post(
            f"/api/v1/projects/{project.pk}/documents/",
            {"file": SimpleUploadedFile("a.txt", b"A short text.")},
            format="multipart",
        )
    finally:
        release.set()
        holder.join(30)
    assert response.status_code == 503
    assert int(response["Retry-After"]) > 0
    assert "try again" in response.json()["detail"]
    assert not Document.objects.exists()
