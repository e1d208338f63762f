"""The data delivered with the workspace page has exactly the API's shapes."""

import json

import pytest
from rest_framework.renderers import JSONRenderer

from tests.factories import acting, make_document
from workbench.annotation.api.serializers import AnnotationSerializer, LinkSerializer
from workbench.annotation.models import Annotation, Link
from workbench.annotation.services import (
    annotation_create,
    annotation_review,
    link_create,
    segment_language_set,
)
from workbench.corpus.api.serializers import SegmentSerializer
from workbench.translation.api.serializers import TranslationSerializer
from workbench.translation.models import Translation
from workbench.translation.services import translation_create, translation_edit
from workbench.web.selectors import workspace_payload

pytestmark = pytest.mark.django_db

TEXT = "The minister said taxes will fall 👍🏽.\n\nقال الوزيرُ إنَّ الضرائبَ ستنخفض."


def api_json(data) -> object:
    return json.loads(JSONRenderer().render(data))


def test_payload_rows_equal_the_api_serializers(annotator, reviewer, project, label_types):
    """Annotations, links, segments and translations read for the page equal what the API
    returns for the same rows, field for field."""
    document = make_document(project, TEXT, name="shape.txt")
    claim = annotation_create(
        actor=acting(annotator, document),
        document=document,
        label_type_id=1,
        start=4,
        end=12,
        quote="minister",
        attributes={"checkworthy": "yes", "topic": "taxes"},
    )
    source = annotation_create(
        actor=acting(annotator, document),
        document=document,
        label_type_id=3,
        start=0,
        end=12,
        quote="The minister",
        attributes={"kind": "person", "name": "The minister"},
    )
    annotation_review(
        actor=acting(reviewer, claim), annotation=claim, decision="reject", reason="Vague."
    )
    link_create(
        actor=acting(annotator, claim), source=claim, target=source, link_type="attributed_to"
    )
    arabic = document.segments.get(index=1)
    segment_language_set(actor=acting(reviewer, arabic), segment=arabic, language="ar")
    translation = translation_create(
        actor=acting(annotator, arabic),
        segment=arabic,
        target="en",
        text="The minister said taxes will fall.",
    )
    translation_edit(
        actor=acting(reviewer, translation),
        translation=translation,
        text="Taxes will fall.",
        version=1,
    )

    payload = workspace_payload(actor=acting(reviewer, document), document=document, target="en")

    annotations = Annotation.objects.filter(document=document).order_by("start", "end", "pk")
    assert payload["annotations"] == api_json(AnnotationSerializer(annotations, many=True).data)
    assert payload["links"] == api_json(LinkSerializer(Link.objects.all(), many=True).data)
    segments = api_json(SegmentSerializer(document.segments.order_by("index"), many=True).data)
    for row in segments:
        row.pop("text")
    assert payload["segments"] == segments
    translations = Translation.objects.filter(segment__document=document)
    assert payload["translations"] == api_json(TranslationSerializer(translations, many=True).data)
    assert payload["document"]["text"] == TEXT
    assert payload["me"]["can_review"] is True and payload["me"]["can_moderate"] is False
