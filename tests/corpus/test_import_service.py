"""The import service and the import_seeds command: idempotent, versioned and atomic."""

import hashlib
from io import StringIO
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.test import override_settings

from tests.factories import FACTORY_ACTOR
from workbench.common.errors import TooLarge
from workbench.corpus.models import Document, Project, Segment
from workbench.corpus.services import ImportStatus, document_import

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


@pytest.mark.django_db
def test_segments_match_document_text(project):
    """Every segment's text is exactly ``document.text[start:end]``; the hash is of the text."""
    text = "Title\n\nFirst sentence here. Second one?\n\nقال الوزير: we will not go back."
    result = document_import(actor=FACTORY_ACTOR, project=project, name="a.txt", data=text.encode())
    document = result.document
    assert result.status == ImportStatus.CREATED
    assert document.title == "Title"
    assert document.sha256 == hashlib.sha256(text.encode()).hexdigest()
    segments = list(document.segments.order_by("index"))
    assert [s.text for s in segments] == [document.text[s.start : s.end] for s in segments]
    assert segments[-1].language == "mixed"
    assert segments[-1].languages == ["ar", "en"]
    assert document.language == "en"


@pytest.mark.django_db
def test_same_content_imported_twice_creates_nothing(project):
    """Importing identical text again returns the existing document, status unchanged."""
    first = document_import(
        actor=FACTORY_ACTOR, project=project, name="a.txt", data=b"Hello world."
    )
    again = document_import(
        actor=FACTORY_ACTOR, project=project, name="renamed.txt", data=b"Hello world."
    )
    assert again.status == ImportStatus.UNCHANGED
    assert again.document.pk == first.document.pk
    assert Document.objects.count() == 1


@pytest.mark.django_db
def test_changed_file_becomes_next_revision(project):
    """A changed file under a known name is a new revision; the old one is kept intact."""
    first = document_import(
        actor=FACTORY_ACTOR, project=project, name="a.txt", data=b"Hello world."
    ).document
    second = document_import(
        actor=FACTORY_ACTOR, project=project, name="a.txt", data=b"Hello there, world."
    )
    assert second.status == ImportStatus.NEW_REVISION
    assert second.document.revision == 2
    assert second.document.previous_id == first.pk
    assert Document.objects.get(pk=first.pk).text == "Hello world."


@pytest.mark.django_db
def test_failed_import_leaves_nothing(project, monkeypatch):
    """A failure after the document row is written rolls the whole import back."""

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(Segment.objects, "bulk_create", broken)
    with pytest.raises(RuntimeError):
        document_import(actor=FACTORY_ACTOR, project=project, name="a.txt", data=b"Hello world.")
    assert Document.objects.count() == 0
    assert Segment.objects.count() == 0


@pytest.mark.django_db
def test_import_seeds_is_idempotent(tmp_path):
    """The seeds import once; a second run creates nothing and says so."""
    out = StringIO()
    call_command("import_seeds", stdout=out, stderr=StringIO())
    assert "5 created, 0 new revisions, 0 unchanged (already imported), 0 failed." in out.getvalue()
    project = Project.objects.get(name="Seeds")
    assert project.documents.count() == 5
    counts = {d.source_name: d.segments.count() for d in project.documents.all()}
    assert sorted(counts) == sorted(p.name for p in SEEDS.glob("*.txt"))
    assert all(n > 0 for n in counts.values())
    out = StringIO()
    call_command("import_seeds", stdout=out, stderr=StringIO())
    assert "0 created, 0 new revisions, 5 unchanged (already imported), 0 failed." in out.getvalue()
    assert Document.objects.count() == 5


@pytest.mark.django_db
def test_import_seeds_reports_bad_files_and_keeps_good_ones(tmp_path):
    """Bad files fail with a clear line and a non-zero exit; the good ones are imported."""
    (tmp_path / "good.txt").write_text("A good file.", encoding="utf-8")
    (tmp_path / "latin1.txt").write_bytes("caf\u00e9".encode("latin-1"))
    (tmp_path / "empty.md").write_bytes(b"")
    err = StringIO()
    with pytest.raises(CommandError, match="3 path"):
        call_command(
            "import_seeds",
            str(tmp_path),
            str(tmp_path / "missing.txt"),
            "--project",
            "Uploads",
            stdout=StringIO(),
            stderr=err,
        )
    assert "latin1.txt is not valid UTF-8: byte 0xe9 at position 3." in err.getvalue()
    assert "empty.md is empty." in err.getvalue()
    assert "missing.txt: no such file or directory" in err.getvalue()
    assert list(Document.objects.values_list("source_name", flat=True)) == ["good.txt"]


@pytest.mark.django_db
def test_control_characters_flagged_and_offsets_intact(project):
    """Segments holding zero-width or bidi controls are flagged; offsets stay exact."""
    text = "\u200fقال الوزير إن الوضع تحت السيطرة.\n\nPlain 👍🏽 text here."
    document = document_import(
        actor=FACTORY_ACTOR, project=project, name="c.txt", data=text.encode()
    ).document
    first, second = document.segments.order_by("index")
    assert first.text.startswith("\u200f")
    assert first.controls
    assert second.controls == []
    assert text[second.start : second.end] == second.text == "Plain 👍🏽 text here."


class UnreadableUpload(SimpleUploadedFile):
    """An upload that fails the test if anything reads it."""

    def read(self, *args, **kwargs):
        raise AssertionError("the upload was read before its size was checked")


@override_settings(WORKBENCH_MAX_UPLOAD_BYTES=10)
def test_the_service_checks_an_uploads_size_before_reading_it(project):
    """Every door hands the upload to ``document_import``, which refuses one over the limit
    by its size alone (413 at the API), so no door checks the size itself."""
    upload = UnreadableUpload("big.txt", b"x" * 11, content_type="text/plain")
    with pytest.raises(TooLarge, match=r"big\.txt is 11 bytes; the limit is 10 bytes\."):
        document_import(actor=FACTORY_ACTOR, project=project, name="big.txt", data=upload)
    assert not Document.objects.exists()


@override_settings(WORKBENCH_MAX_UPLOAD_BYTES=100)
def test_the_web_upload_reports_the_services_size_limit(client, annotator, project):
    """The project page's upload form shows the service's message for a file too large."""
    client.force_login(annotator)
    upload = SimpleUploadedFile("big.txt", b"word " * 40, content_type="text/plain")
    response = client.post(f"/projects/{project.pk}/upload/", {"file": upload}, follow=True)
    assert "big.txt is 200 bytes; the limit is 100 bytes." in response.content.decode()
    assert not Document.objects.exists()
