"""JSONL export: one document per line, doccano's label, our annotations, links and segments."""

import json

import pytest

from tests.exchange.helpers import ANNOTATIONS, download, jsonl

pytestmark = pytest.mark.django_db


def by_name(lines: list[dict]) -> dict[str, dict]:
    return {line["source_name"]: line for line in lines}


def test_one_document_per_line_with_accepted_annotations_only(api, annotator, corpus):
    """By default a line per document holds only accepted, live annotations, in text order."""
    lines = by_name(jsonl(api(annotator)))
    assert set(lines) == {"statement.txt", "plain.md"}
    statement = lines["statement.txt"]
    assert statement["text"] == corpus.document.text
    assert statement["sha256"] == corpus.document.sha256
    assert statement["project"] == corpus.document.project.name
    ids = [a["id"] for a in statement["annotations"]]
    assert ids == [corpus.source.pk, corpus.accepted.pk, corpus.arabic.pk]
    assert {a["status"] for a in statement["annotations"]} == {"accepted"}
    assert lines["plain.md"]["annotations"] == [] and lines["plain.md"]["label"] == []


def test_doccano_label_and_offsets_are_code_points(api, annotator, corpus):
    """``label`` is ``[[start, end, type], ...]`` and slicing the text gives each quote."""
    statement = by_name(jsonl(api(annotator)))["statement.txt"]
    assert statement["label"] == [
        [a["start"], a["end"], a["label"]] for a in statement["annotations"]
    ]
    for start, end, _label in statement["label"]:
        assert statement["text"][start:end] in {
            "The minister",
            "taxes will fall",
            "ستنخفض 👍🏽 العام",
        }
    arabic = next(a for a in statement["annotations"] if a["id"] == corpus.arabic.pk)
    assert arabic["end"] - arabic["start"] == len("ستنخفض 👍🏽 العام") == 15
    assert statement["text"][arabic["start"] : arabic["end"]] == arabic["quote"]


def test_annotation_carries_review_author_attributes(api, annotator, reviewer, corpus):
    """Each annotation has its quote, attributes, author, reviewer and review time."""
    statement = by_name(jsonl(api(annotator)))["statement.txt"]
    arabic = next(a for a in statement["annotations"] if a["id"] == corpus.arabic.pk)
    assert arabic["label"] == "claim"
    assert arabic["attributes"] == {"checkworthy": "yes", "topic": "الضرائب"}
    assert arabic["author"] == annotator.username
    assert arabic["reviewed_by"] == reviewer.username
    assert arabic["reviewed_at"] == corpus.arabic.reviewed_at.isoformat()
    assert "comments" not in arabic


def test_arabic_is_not_escaped(api, annotator, corpus):
    """Arabic stays readable in the file: no ``\\u`` escapes, and each line loads alone."""
    _response, body = download(api(annotator), ANNOTATIONS, format="jsonl")
    assert "\\u" not in body
    assert "قال الوزيرُ" in body and "👍🏽" in body
    assert all(isinstance(json.loads(line), dict) for line in body.splitlines())


def test_links_between_exported_annotations_only(api, annotator, corpus):
    """A link appears when both ends are exported: the pending stance's link only with all."""
    accepted = by_name(jsonl(api(annotator)))["statement.txt"]["links"]
    assert [(link["type"], link["source"], link["target"]) for link in accepted] == [
        ("attributed_to", corpus.accepted.pk, corpus.source.pk)
    ]
    everything = by_name(jsonl(api(annotator), status="all"))["statement.txt"]["links"]
    assert {(link["type"], link["source"], link["target"]) for link in everything} == {
        ("attributed_to", corpus.accepted.pk, corpus.source.pk),
        ("toward", corpus.pending.pk, corpus.accepted.pk),
    }


def test_status_includes_pending_or_everything_but_never_deleted(api, annotator, corpus):
    """``status=`` lists statuses or says all; a soft-deleted annotation never leaves."""

    def ids(**params):
        return {
            a["id"]
            for a in by_name(jsonl(api(annotator), **params))["statement.txt"]["annotations"]
        }

    reviewed = {corpus.accepted.pk, corpus.source.pk, corpus.arabic.pk}
    assert ids(status="accepted,pending") == reviewed | {corpus.pending.pk}
    assert ids(status="all") == reviewed | {corpus.pending.pk, corpus.rejected.pk}
    assert corpus.deleted.pk not in ids(status="all")
    rejected = by_name(jsonl(api(annotator), status="rejected"))["statement.txt"]["annotations"]
    assert rejected[0]["review_reason"] == "Not a claim, a name."


def test_filters_by_document_label_type_and_language(api, annotator, corpus):
    """document, label_type and language narrow the export; filtered exports skip bare documents."""
    only = jsonl(api(annotator), document=corpus.plain.pk)
    assert [line["source_name"] for line in only] == ["plain.md"]
    sources = jsonl(api(annotator), label_type="source")
    assert [line["source_name"] for line in sources] == ["statement.txt"]
    assert [a["label"] for a in sources[0]["annotations"]] == ["source"]
    arabic = jsonl(api(annotator), language="ar")
    assert [a["id"] for a in arabic[0]["annotations"]] == [corpus.arabic.pk]


def test_segments_with_language_runs_and_overrides(api, annotator, reviewer, corpus):
    """Segments come with offsets, kind, language, runs and the reviewer's override."""
    statement = by_name(jsonl(api(annotator)))["statement.txt"]
    stored = list(corpus.document.segments.order_by("index"))
    assert [(s["index"], s["start"], s["end"]) for s in statement["segments"]] == [
        (s.index, s.start, s.end) for s in stored
    ]
    arabic = next(s for s in statement["segments"] if s["language"] == "ar")
    assert arabic["runs"] and arabic["languages"] == ["ar"]
    override = statement["segments"][1]
    assert override["language_override"] == "en" and override["override_by"] == reviewer.username


def test_comments_on_request(api, annotator, reviewer, corpus):
    """``comments=true`` adds each annotation's thread with its author."""
    statement = by_name(jsonl(api(annotator), comments="true"))["statement.txt"]
    accepted = next(a for a in statement["annotations"] if a["id"] == corpus.accepted.pk)
    assert accepted["comments"][0]["author"] == reviewer.username
    assert accepted["comments"][0]["body"] == '=HYPERLINK("x") هل هذا صحيح؟'
