"""Imported offsets go through the normalisation the stored text went through (NFC, line ends,
BOM): spans land on the same characters, and an offset with no place is refused precisely."""

import io
import json

import pytest
from django.core.management import CommandError, call_command

from tests.factories import UserFactory
from workbench.annotation.models import Annotation, LabelType, Status
from workbench.audit.models import AuditEntry
from workbench.corpus.models import Document

pytestmark = pytest.mark.django_db

DECOMPOSED = "\u0627\u0654"  # alef + combining hamza above; NFC makes it U+0623
#: Twenty code points before the label in the file (the decomposed alef counts two).
TEXT = f"قال {DECOMPOSED}حمد بصراحة إن رفع الرسوم قادم العام المقبل."
LABEL = "رفع الرسوم"


def write(tmp_path, line: dict):
    path = tmp_path / "in.jsonl"
    path.write_text(json.dumps(line, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


def run(path, project: str, *extra: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command(
        "import_annotations", str(path), "--project", project, *extra, stdout=out, stderr=err
    )
    return out.getvalue(), err.getvalue()


def test_doccano_label_after_a_decomposed_alef_with_hamza_imports(tmp_path, label_types):
    """A doccano line whose text has U+0627 U+0654 before its label imports: the label lands on
    the same words of the stored (NFC) text, one code point earlier. The old import refused
    the whole file: 'The quote does not match the text at 20:30'."""
    LabelType.objects.create(name="topic", colour="#123456")
    owner = UserFactory(username="owner")
    start = TEXT.index(LABEL)
    assert start == 20
    path = write(tmp_path, {"text": TEXT, "label": [[start, start + len(LABEL), "topic"]]})
    out, err = run(path, "Doccano", "--user", owner.username)
    assert "1 annotations created" in out, err
    document = Document.objects.get(project__name="Doccano")
    assert DECOMPOSED not in document.text and "\u0623حمد" in document.text
    annotation = Annotation.objects.get(document=document)
    assert (annotation.start, annotation.end) == (19, 19 + len(LABEL))
    assert annotation.quote == LABEL == document.text[annotation.start : annotation.end]
    assert annotation.status == Status.PENDING and annotation.author == owner


def test_our_jsonl_with_decomposed_text_and_crlf_imports(tmp_path, label_types):
    """Our own JSONL: a decomposed quote, CRLF line ends and a BOM before the spans; offsets and
    quotes are mapped, the review and its audit entries are made as usual."""
    author, reviewer = UserFactory(username="amal"), UserFactory(username="dina")
    text = f"\ufeffReport\r\n\r\n{TEXT}\r\nقال {DECOMPOSED}حمد: لا."
    claim = text.index(LABEL)
    second = text.rindex(f"{DECOMPOSED}حمد")
    line = {
        "text": text,
        "source_name": "report.txt",
        "annotations": [
            {
                "id": 1,
                "label": "claim",
                "start": claim,
                "end": claim + len(LABEL),
                "quote": LABEL,
                "attributes": {"checkworthy": "yes"},
                "status": "accepted",
                "author": author.username,
                "reviewed_by": reviewer.username,
            },
            {
                "id": 2,
                "label": "source",
                "start": second,
                "end": second + 5,
                "quote": f"{DECOMPOSED}حمد",
                "attributes": {"kind": "person", "name": "أحمد"},
                "author": author.username,
            },
        ],
        "links": [{"type": "attributed_to", "source": 1, "target": 2, "author": author.username}],
    }
    out, err = run(write(tmp_path, line), "Ours")
    assert "2 annotations created" in out and "1 links" in out, err
    document = Document.objects.get(project__name="Ours")
    assert document.text.startswith("Report\n\n") and "\r" not in document.text
    for annotation in Annotation.objects.filter(document=document):
        assert annotation.quote == document.text[annotation.start : annotation.end]
    source = Annotation.objects.get(document=document, label_type__name="source")
    assert source.quote == "\u0623حمد"
    # one less for the BOM, each of the three CRLF and the alef with hamza before it
    assert (source.start, source.end) == (second - 5, second - 1)
    actions = sorted(
        AuditEntry.objects.filter(project__name="Ours").values_list("action", flat=True)
    )
    assert actions == ["create", "create", "link", "review"]


def test_an_offset_between_alef_and_hamza_is_refused_precisely(tmp_path, label_types):
    """A span that starts between the two code points NFC joins has no place in the stored
    text: the line is refused, naming the offset, and nothing is imported."""
    owner = UserFactory(username="owner")
    inside = TEXT.index(DECOMPOSED) + 1
    path = write(tmp_path, {"text": TEXT, "label": [[inside, inside + 4, "claim"]]})
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command(
            "import_annotations", str(path), "--project", "D", "--user", owner.username, stderr=err
        )
    assert (
        f"line 1: annotation 1 (claim {inside}:{inside + 4}): offset {inside} falls inside "
        f"characters {inside - 1}:{inside + 1}"
    ) in err.getvalue()
    assert not Annotation.objects.exists() and not Document.objects.exists()


def test_a_wrong_quote_is_still_refused_after_mapping(tmp_path, label_types):
    """The quote is checked on the mapped span: a quote that does not read there is refused
    with the stored offsets."""
    owner = UserFactory(username="owner")
    start = TEXT.index(LABEL)
    line = {
        "text": TEXT,
        "annotations": [
            {
                "label": "claim",
                "start": start,
                "end": start + len(LABEL),
                "quote": "الرسوم رفع",
                "attributes": {"checkworthy": "no"},
            }
        ],
    }
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command(
            "import_annotations",
            str(write(tmp_path, line)),
            "--project",
            "Q",
            "--user",
            owner.username,
            stderr=err,
        )
    assert f"The quote does not match the text at {start - 1}:{start - 1 + len(LABEL)}" in (
        err.getvalue()
    )
