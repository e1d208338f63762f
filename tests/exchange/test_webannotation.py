"""W3C Web Annotation export: valid against the data model, anchored by quote and position."""

import json

import pytest
from jsonschema import Draft202012Validator

from tests.exchange.helpers import ANNOTATIONS, download
from tests.exchange.webannotation_schema import SCHEMA
from workbench.exchange.exporters.webannotation import ANNO_CONTEXT, CONTEXT_LENGTH

pytestmark = pytest.mark.django_db


def collection(client, **params) -> dict:
    response, body = download(client, ANNOTATIONS, format="webannotation", **params)
    assert response["Content-Type"].startswith("application/ld+json")
    return json.loads(body)


def items_by_id(data: dict) -> dict[str, dict]:
    return {item["id"]: item for item in data["first"]["items"]}


def test_export_is_valid_web_annotation(api, annotator, corpus):
    """Every export, with all statuses and comments, passes the data model's schema."""
    for params in ({}, {"status": "all", "comments": "true"}):
        data = collection(api(annotator), **params)
        errors = sorted(Draft202012Validator(SCHEMA).iter_errors(data), key=str)
        assert errors == [], errors[0].message if errors else ""


def test_schema_rejects_broken_annotations(api, annotator, corpus):
    """The schema is strict: it refuses an annotation with no target or an unknown motivation."""
    data = collection(api(annotator))
    validator = Draft202012Validator(SCHEMA)
    broken = json.loads(json.dumps(data))
    del broken["first"]["items"][0]["target"]
    assert not validator.is_valid(broken)
    broken = json.loads(json.dumps(data))
    broken["first"]["items"][0]["motivation"] = "liking"
    assert not validator.is_valid(broken)


def test_collection_counts_accepted_annotations(api, annotator, corpus):
    """The collection's total and items are the accepted annotations, with API ids."""
    data = collection(api(annotator))
    assert data["type"] == "AnnotationCollection" and data["total"] == 3
    assert ANNO_CONTEXT in data["@context"]
    ids = set(items_by_id(data))
    assert ids == {
        f"http://testserver/api/v1/annotations/{pk}/"
        for pk in (corpus.accepted.pk, corpus.source.pk, corpus.arabic.pk)
    }


def test_selectors_carry_quote_context_and_code_point_positions(api, annotator, corpus):
    """TextQuoteSelector has exact, prefix and suffix; TextPositionSelector code points."""
    item = items_by_id(collection(api(annotator)))[
        f"http://testserver/api/v1/annotations/{corpus.arabic.pk}/"
    ]
    text = corpus.document.text
    quote, position = item["target"]["selector"]
    assert item["target"]["source"] == f"http://testserver/api/v1/documents/{corpus.document.pk}/"
    assert quote["type"] == "TextQuoteSelector" and quote["exact"] == "ستنخفض 👍🏽 العام"
    assert position == {
        "type": "TextPositionSelector",
        "start": corpus.arabic.start,
        "end": corpus.arabic.end,
    }
    assert quote["prefix"] == text[corpus.arabic.start - CONTEXT_LENGTH : corpus.arabic.start]
    assert quote["suffix"] == text[corpus.arabic.end :]


def test_quote_re_anchors_when_offsets_are_wrong(api, annotator, corpus):
    """A consumer whose text gained characters in front finds the span again by its quote."""
    item = items_by_id(collection(api(annotator)))[
        f"http://testserver/api/v1/annotations/{corpus.accepted.pk}/"
    ]
    quote = item["target"]["selector"][0]
    shifted = "Preface added later.\n" + corpus.document.text
    found = shifted.index(quote["prefix"] + quote["exact"] + quote["suffix"]) + len(quote["prefix"])
    assert shifted[found : found + len(quote["exact"])] == "taxes will fall"


def test_motivation_and_bodies_from_label_attributes_review_links(api, annotator, reviewer, corpus):
    """Label → tagging body and motivation, attributes → describing, review → moderating,
    links → linking, comments → commenting."""
    data = items_by_id(collection(api(annotator), comments="true"))
    claim = data[f"http://testserver/api/v1/annotations/{corpus.accepted.pk}/"]
    assert claim["motivation"] == "assessing"
    assert claim["creator"] == {"type": "Person", "nickname": annotator.username}
    by_purpose: dict[str, list[dict]] = {}
    for body in claim["body"]:
        by_purpose.setdefault(body["purpose"], []).append(body)
    assert by_purpose["tagging"][0]["value"] == "claim"
    assert by_purpose["tagging"][0]["wb:attributes"] == {"checkworthy": "yes"}
    assert [b["value"] for b in by_purpose["describing"]] == ["checkworthy: yes"]
    review = by_purpose["moderating"][0]
    assert review["value"] == "accepted" and review["creator"]["nickname"] == reviewer.username
    assert review["created"] == corpus.accepted.reviewed_at.isoformat()
    link = by_purpose["linking"][0]
    assert link["source"] == f"http://testserver/api/v1/annotations/{corpus.source.pk}/"
    assert link["wb:linkType"] == "attributed_to"
    assert by_purpose["commenting"][0]["value"] == '=HYPERLINK("x") هل هذا صحيح؟'
    source = data[f"http://testserver/api/v1/annotations/{corpus.source.pk}/"]
    assert source["motivation"] == "identifying"
