"""import_annotations: the lossless round trip, atomic files, precise errors, --skip-invalid."""

import io
import json
import re

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import CommandError, call_command
from django.http import Http404

from tests.factories import MembershipFactory, UserFactory, acting
from workbench.annotation.models import Annotation, LabelType, Link, Status
from workbench.audit.models import AuditEntry
from workbench.corpus.access import user_role
from workbench.corpus.models import Document, Project, Role
from workbench.exchange.services import annotations_import

pytestmark = pytest.mark.django_db

TIMESTAMPS = {"created_at", "reviewed_at"}


def export(path, *extra: str) -> str:
    call_command(
        "export_annotations",
        "--format",
        "jsonl",
        "--status",
        "all",
        "--comments",
        *extra,
        "--output",
        str(path),
        stderr=io.StringIO(),
    )
    return path.read_text(encoding="utf-8")


def import_file(path, project: str, *extra: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command(
        "import_annotations", str(path), "--project", project, *extra, stdout=out, stderr=err
    )
    return out.getvalue(), err.getvalue()


def without_ids_and_timestamps(body: str) -> list[str]:
    """Each line with ids replaced by positions and timestamps dropped, dumped again."""
    lines = []
    for raw in body.splitlines():
        line = json.loads(raw)
        del line["id"]
        position = {a["id"]: n for n, a in enumerate(line["annotations"])}
        for annotation in line["annotations"]:
            annotation["id"] = position[annotation["id"]]
            for key in TIMESTAMPS:
                annotation.pop(key)
            for comment in annotation["comments"]:
                comment.pop("created_at")
        for link in line["links"]:
            del link["id"]
            link["source"], link["target"] = position[link["source"]], position[link["target"]]
        lines.append(json.dumps(line, ensure_ascii=False))
    return lines


def test_round_trip_into_an_empty_database_is_identical(tmp_path, corpus, annotator, reviewer):
    """Export, import into an empty database, export again: the same file but ids and times."""
    name = corpus.document.project.name
    first = export(tmp_path / "first.jsonl", "--project", name)
    Project.objects.all().delete()
    assert not Document.objects.exists() and not Annotation.objects.exists()
    out, err = import_file(tmp_path / "first.jsonl", name)
    assert err == ""
    assert "2 documents created" in out and "5 annotations created" in out
    second = export(tmp_path / "second.jsonl", "--project", name)
    assert without_ids_and_timestamps(second) == without_ids_and_timestamps(first)
    assert first != second
    project = Project.objects.get(name=name)
    assert user_role(annotator, project.pk) == Role.ANNOTATOR
    assert user_role(reviewer, project.pk) == Role.REVIEWER


def test_import_restores_statuses_reviewers_links_and_audit(tmp_path, corpus, reviewer):
    """Imported reviews are made by the original reviewer through the services, and audited."""
    export(tmp_path / "all.jsonl", "--project", corpus.document.project.name)
    import_file(tmp_path / "all.jsonl", "Copy")
    copied = Annotation.objects.filter(document__project__name="Copy")
    rejected = copied.get(status=Status.REJECTED)
    assert rejected.reviewed_by == reviewer and rejected.review_reason == "Not a claim, a name."
    assert copied.filter(status=Status.ACCEPTED).count() == 3
    assert Link.objects.filter(source__document__project__name="Copy").count() == 2
    assert AuditEntry.objects.filter(project__name="Copy", action="review").count() == 4


def test_reimport_matches_documents_by_sha256_and_adds_nothing(tmp_path, corpus):
    """Importing the same file twice leaves one copy of everything."""
    export(tmp_path / "all.jsonl", "--project", corpus.document.project.name)
    import_file(tmp_path / "all.jsonl", "Copy")
    counts = Annotation.objects.count(), Link.objects.count(), Document.objects.count()
    out, _err = import_file(tmp_path / "all.jsonl", "Copy")
    assert "0 documents created, 2 matched by SHA-256" in out
    assert "0 annotations created (5 already there)" in out
    assert (Annotation.objects.count(), Link.objects.count(), Document.objects.count()) == counts


def bad_file(tmp_path, corpus) -> tuple:
    """A good line followed by a line for each kind of error."""
    good = json.loads(
        export(tmp_path / "all.jsonl", "--project", corpus.document.project.name).splitlines()[1]
    )
    text = good["text"]

    def variant(**annotation):
        line = {"text": text, "source_name": "statement.txt"}
        base = {
            "label": "claim",
            "start": 0,
            "end": 3,
            "quote": text[:3],
            "attributes": {"checkworthy": "yes"},
        }
        line["annotations"] = [{**base, **annotation}]
        return json.dumps(line, ensure_ascii=False)

    lines = [
        json.dumps(good, ensure_ascii=False),
        '{"text": "broken", "annotations": [',
        variant(start=5, end=len(text) + 10, quote="x"),
        variant(quote="Tha"),
        variant(label="opinion"),
    ]
    path = tmp_path / "bad.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path, len(text)


def test_bad_file_imports_nothing_and_reports_each_line(tmp_path, corpus):
    """Broken JSON, offsets outside the text, a wrong quote and an unknown label each get their
    line number and reason, and nothing of the file is applied."""
    path, length = bad_file(tmp_path, corpus)
    before = Annotation.objects.count(), Document.objects.count(), AuditEntry.objects.count()
    err = io.StringIO()
    with pytest.raises(CommandError, match="4 line"):
        call_command("import_annotations", str(path), "--project", "Fresh", stderr=err)
    messages = err.getvalue()
    assert re.search(r"line 2: not valid JSON: .+ at column \d+", messages)
    assert (
        f"line 3: annotation 1 (claim 5:{length + 10}): end {length + 10} is past the end"
        in messages
    )
    assert "line 4: annotation 1 (claim 0:3): The quote does not match the text at 0:3" in messages
    assert "line 5: annotation 1 (opinion 0:3): unknown label opinion." in messages
    assert "line 1" not in messages
    assert not Project.objects.filter(name="Fresh").exists()
    assert (
        Annotation.objects.count(),
        Document.objects.count(),
        AuditEntry.objects.count(),
    ) == before


def test_skip_invalid_imports_the_good_lines(tmp_path, corpus):
    """With --skip-invalid the good line is imported and the bad ones are reported."""
    path, _length = bad_file(tmp_path, corpus)
    out, err = import_file(path, "Fresh", "--skip-invalid")
    assert "4 lines skipped" in out
    assert err.count("line ") == 4
    imported = Annotation.objects.filter(document__project__name="Fresh")
    assert imported.count() == 5
    assert Document.objects.filter(project__name="Fresh").count() == 1


def test_unknown_author_needs_a_fallback_user(tmp_path, corpus, moderator):
    """A line whose author does not exist is refused, unless --user takes the work over."""
    line = json.loads(
        export(tmp_path / "all.jsonl", "--project", corpus.document.project.name).splitlines()[1]
    )
    for annotation in line["annotations"]:
        annotation["author"] = "ghost"
    path = tmp_path / "ghost.jsonl"
    path.write_text(json.dumps(line, ensure_ascii=False) + "\n", encoding="utf-8")
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_annotations", str(path), "--project", "Ghost", stderr=err)
    assert "there is no user ghost here" in err.getvalue()
    out, _err = import_file(path, "Ghost", "--user", moderator.username)
    assert "5 items attributed to" in out
    authors = set(
        Annotation.objects.filter(document__project__name="Ghost").values_list(
            "author__username", flat=True
        )
    )
    assert authors == {moderator.username}


def test_doccano_lines_import_as_pending(tmp_path, db, label_types):
    """A doccano line (text and label only) becomes a document with pending annotations."""
    LabelType.objects.create(name="topic", colour="#123456")
    owner = UserFactory(username="owner")
    text = "الحكومة ترفع الأسعار. Prices rise."
    path = tmp_path / "doccano.jsonl"
    path.write_text(
        json.dumps(
            {"text": text, "label": [[0, 7, "topic"], [22, 28, "topic"]]}, ensure_ascii=False
        )
        + "\n",
        encoding="utf-8",
    )
    import_file(path, "Doccano", "--user", owner.username)
    annotations = Annotation.objects.filter(document__project__name="Doccano").order_by("start")
    assert [(a.quote, a.status, a.author) for a in annotations] == [
        ("الحكومة", Status.PENDING, owner),
        ("Prices", Status.PENDING, owner),
    ]
    assert Document.objects.get(project__name="Doccano").source_name == "line-1.txt"


def test_service_checks_the_actor_moderates_the_project(tmp_path, corpus, annotator, outsider):
    """Called for a user, the import needs the moderator role: 403 for a member; an actor
    resolved in another project (even as its moderator) gets 404, as an outsider does."""
    body = export(tmp_path / "all.jsonl", "--project", corpus.document.project.name)
    name = corpus.document.project.name
    with pytest.raises(PermissionDenied):
        annotations_import(
            project_name=name,
            lines=body.splitlines(),
            actor=acting(annotator, Project.objects.get(name=name)),
        )
    elsewhere = MembershipFactory(user=outsider, role=Role.MODERATOR).project
    with pytest.raises(Http404):
        annotations_import(
            project_name=name, lines=body.splitlines(), actor=acting(outsider, elsewhere)
        )
