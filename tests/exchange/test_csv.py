"""CSV export: one annotation per row, UTF-8, an Excel option with a BOM and inert formulas."""

import csv
import io
import json

import pytest

from tests.exchange.conftest import annotate
from tests.exchange.helpers import ANNOTATIONS, download
from tests.factories import make_document

pytestmark = pytest.mark.django_db


def rows(client, **params) -> tuple[str, list[dict[str, str]]]:
    response, body = download(client, ANNOTATIONS, format="csv", **params)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    return body, list(csv.DictReader(io.StringIO(body.removeprefix("\ufeff"), newline="")))


def test_one_row_per_accepted_annotation(api, annotator, reviewer, corpus):
    """Each accepted annotation is a row with offsets, quote, type, author and review."""
    body, table = rows(api(annotator))
    assert not body.startswith("\ufeff")
    assert [int(row["annotation_id"]) for row in table] == [
        corpus.source.pk,
        corpus.accepted.pk,
        corpus.arabic.pk,
    ]
    arabic = table[2]
    assert arabic["quote"] == "ستنخفض 👍🏽 العام"
    assert (int(arabic["start"]), int(arabic["end"])) == (corpus.arabic.start, corpus.arabic.end)
    assert arabic["label"] == "claim" and arabic["status"] == "accepted"
    assert arabic["author"] == annotator.username and arabic["reviewed_by"] == reviewer.username
    assert arabic["source_name"] == "statement.txt"


def test_attributes_as_json_and_one_column_each(api, annotator, corpus):
    """Attributes come as exact JSON and in an ``attr:<name>`` column per schema property."""
    _body, table = rows(api(annotator))
    arabic = table[2]
    assert json.loads(arabic["attributes"]) == {"checkworthy": "yes", "topic": "الضرائب"}
    assert arabic["attr:checkworthy"] == "yes" and arabic["attr:topic"] == "الضرائب"
    assert arabic["attr:polarity"] == ""
    claim = table[1]
    assert json.loads(claim["links"]) == [{"type": "attributed_to", "target": corpus.source.pk}]


def test_bom_for_excel_and_formulas_made_inert(api, annotator, corpus):
    """``bom=true`` starts with U+FEFF and quotes cells Excel would evaluate; data stays exact
    without it."""
    body, table = rows(api(annotator), bom="true", comments="true", status="all")
    assert body.startswith("\ufeff")
    assert body.encode("utf-8").startswith(b"\xef\xbb\xbfdocument_id,")
    comments = {row["annotation_id"]: row["comments"] for row in table}
    assert json.loads(comments[str(corpus.accepted.pk)])[0]["body"].startswith("=HYPERLINK")
    _body, plain = rows(api(annotator), status="pending")
    assert plain[0]["quote"] == "Critics"


def test_formula_quote_is_prefixed_only_in_excel_mode(api, annotator, corpus, label_types):
    """A quote starting with ``=`` gets an apostrophe with ``bom``, and is exact without."""
    document = make_document(corpus.document.project, "=SUM(A1) is not a claim.", name="f.txt")
    annotate(annotator, document, "=SUM(A1)", label_types["claim"], {"checkworthy": "no"})
    _body, excel = rows(api(annotator), bom="1", status="pending", document=document.pk)
    _body, exact = rows(api(annotator), status="pending", document=document.pk)
    assert excel[0]["quote"] == "'=SUM(A1)"
    assert exact[0]["quote"] == "=SUM(A1)"


def test_rows_are_written_by_the_csv_module(api, annotator, corpus):
    """Quotes with commas, quotes and newlines survive a round trip through ``csv``."""
    body, table = rows(api(annotator), status="all")
    assert body.count("\r\n") == len(table) + 1
    titles = {row["document_title"] for row in table}
    assert titles == {corpus.document.title}


@pytest.mark.parametrize("lead", ["\n", "\r", "\r\n"])
def test_a_cell_starting_with_a_line_break_then_a_formula_is_guarded(
    api, annotator, corpus, label_types, lead
):
    """With ``bom``, an attribute value of a line feed or carriage return followed by ``=``
    gets the apostrophe too (Excel skips the break and runs the formula)."""
    document = make_document(corpus.document.project, "A claim here.", name=f"lf{len(lead)}.txt")
    value = lead + '=HYPERLINK("http://example.org")'
    annotate(
        annotator, document, "claim", label_types["claim"], {"checkworthy": "no", "topic": value}
    )
    _body, excel = rows(api(annotator), bom="1", status="pending", document=document.pk)
    _body, exact = rows(api(annotator), status="pending", document=document.pk)
    assert excel[0]["attr:topic"] == "'" + value
    assert exact[0]["attr:topic"] == value
