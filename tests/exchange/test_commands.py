"""export_annotations and export_translations: files, standard output and clear errors."""

import csv
import io
import json

import pytest
from django.core.management import CommandError, call_command
from translate.storage import tmx, xliff

from tests.factories import acting, make_document
from workbench.translation.services import translation_create

pytestmark = pytest.mark.django_db


def run(*args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_export_annotations_to_stdout_filtered_by_project_name(corpus):
    """``--project NAME --output -`` prints the JSONL of that project's accepted work."""
    out, _err = run(
        "export_annotations",
        "--format",
        "jsonl",
        "--project",
        corpus.document.project.name,
        "--output",
        "-",
    )
    lines = [json.loads(line) for line in out.splitlines()]
    assert [line["source_name"] for line in lines] == ["plain.md", "statement.txt"]
    assert len(lines[1]["annotations"]) == 3


def test_export_annotations_csv_file_with_bom(tmp_path, corpus):
    """A CSV file for Excel starts with a BOM and holds a row per selected annotation."""
    path = tmp_path / "claims.csv"
    _out, err = run(
        "export_annotations",
        "--format",
        "csv",
        "--bom",
        "--label-type",
        "claim",
        "--status",
        "accepted,rejected",
        "--output",
        str(path),
    )
    assert f"to {path}" in err
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    table = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert sorted(row["quote"] for row in table) == sorted(
        ["taxes will fall", "ستنخفض 👍🏽 العام", "institute"]
    )


def test_export_webannotation_with_base_url(tmp_path, corpus):
    """``--base-url`` gives the annotation and document IRIs."""
    out, _err = run(
        "export_annotations",
        "--format",
        "webannotation",
        "--base-url",
        "https://wb.example.org/api/v1/",
        "--output",
        "-",
    )
    items = json.loads(out)["first"]["items"]
    assert items[0]["id"].startswith("https://wb.example.org/api/v1/annotations/")
    assert (
        items[0]["target"]["source"]
        == f"https://wb.example.org/api/v1/documents/{corpus.document.pk}/"
    )


def test_export_translations_tmx_and_xliff(tmp_path, corpus):
    """TMX and XLIFF files into Arabic read back with translate-toolkit."""
    run(
        "export_translations",
        "--format",
        "tmx",
        "--target",
        "ar",
        "--output",
        str(tmp_path / "ar.tmx"),
    )
    store = tmx.tmxfile.parsestring((tmp_path / "ar.tmx").read_bytes())
    assert [unit.target for unit in store.units] == ["قال الوزير إن الضرائب ستنخفض العام المقبل."]
    run(
        "export_translations",
        "--format",
        "xliff",
        "--target",
        "ar",
        "--status",
        "all",
        "--output",
        str(tmp_path / "ar.xlf"),
    )
    store = xliff.xlifffile.parsestring((tmp_path / "ar.xlf").read_bytes())
    assert store.gettargetlanguage() == "ar" and len(store.units) == 2


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--project", "Nowhere"), "There is no project Nowhere."),
        (("--status", "approved"), "Unknown status approved"),
        (("--label-type", "opinion"), "Unknown label type opinion."),
        (("--document", "x"), "x is not an id"),
    ],
)
def test_export_errors_are_clear(tmp_path, corpus, args, message):
    """Unknown projects, statuses, label types and ids stop the command with a message."""
    path = tmp_path / "out.jsonl"
    with pytest.raises(CommandError, match=message):
        run("export_annotations", "--format", "jsonl", *args, "--output", str(path))
    assert not path.exists()


def test_export_translations_says_when_control_characters_were_removed(tmp_path, project, reviewer):
    """The command tells on stderr how many translations lost control characters."""
    segment = make_document(project, "The bell\x07 rang.").segments.get()
    translation_create(actor=acting(reviewer, segment), segment=segment, target="ar", text="رن.")
    _out, err = run(
        "export_translations",
        "--format",
        "xliff",
        "--target",
        "ar",
        "--status",
        "all",
        "--output",
        str(tmp_path / "ar.xlf"),
    )
    assert "1 translations held control characters" in err
    assert "\x07" not in (tmp_path / "ar.xlf").read_text(encoding="utf-8")
