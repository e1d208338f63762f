"""The shapes of suggestions, recommenders and training runs in the API (built here only),
and the request bodies of accept, reject and accept-above."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from ..models import TrainingRun
from ..selectors import Suggestion


def suggestion_data(suggestion: Suggestion) -> dict[str, Any]:
    """One suggestion as the API, the workspace and ``manage.py suggest`` show it."""
    return {
        "id": suggestion.id,
        "document": suggestion.document_id,
        "label": suggestion.label,
        "label_type": suggestion.label_type_id,
        "start": suggestion.start,
        "end": suggestion.end,
        "quote": suggestion.quote,
        "score": suggestion.score,
        "recommender": ",".join(suggestion.recommenders),
        "recommenders": list(suggestion.recommenders),
        "model_version": suggestion.model_version,
        "attributes": suggestion.attributes,
        "links": [
            {"type": link.type, "target": link.target}
            if link.annotation is None
            else {"type": link.type, "annotation": link.annotation}
            for link in suggestion.links
        ],
    }


class SuggestionLinkSerializer(serializers.Serializer):
    type = serializers.CharField()
    target = serializers.CharField(required=False, help_text="A suggestion id of the same list.")
    annotation = serializers.IntegerField(required=False, help_text="An annotation's id.")


class SuggestionSerializer(serializers.Serializer):
    """A suggested span; ``id`` is ``label:start:end`` (code points into the text)."""

    id = serializers.CharField()
    document = serializers.IntegerField()
    label = serializers.CharField(help_text="The label type's name.")
    label_type = serializers.IntegerField()
    start = serializers.IntegerField()
    end = serializers.IntegerField()
    quote = serializers.CharField(trim_whitespace=False)
    score = serializers.FloatField()
    recommender = serializers.CharField(help_text="The recommenders that propose it, joined.")
    recommenders = serializers.ListField(child=serializers.CharField())
    model_version = serializers.CharField()
    attributes = serializers.DictField()
    links = SuggestionLinkSerializer(many=True)


class SuggestionListSerializer(serializers.Serializer):
    """A document's open suggestions."""

    document = serializers.IntegerField()
    results = SuggestionSerializer(many=True)


class SuggestionQuerySerializer(serializers.Serializer):
    min_score = serializers.FloatField(required=False, min_value=0, max_value=1, default=0)


class SuggestionDecideSerializer(serializers.Serializer):
    id = serializers.CharField(max_length=60, help_text="The suggestion's id.")
    quote = serializers.CharField(
        trim_whitespace=False, max_length=100_000, help_text="The suggestion's quote as shown."
    )


class SuggestionAcceptSerializer(SuggestionDecideSerializer):
    attributes = serializers.DictField(
        required=False, help_text="Attributes given over the guessed ones."
    )


class AcceptAboveSerializer(serializers.Serializer):
    min_score = serializers.FloatField(min_value=0, max_value=1)


class SkippedSerializer(serializers.Serializer):
    suggestion = SuggestionSerializer()
    reason = serializers.CharField()


class TrainingRunSerializer(serializers.ModelSerializer):
    class Meta:
        model = TrainingRun
        fields = [
            "id",
            "recommender",
            "status",
            "outcome",
            "message",
            "automatic",
            "model_version",
            "training_size",
            "held_out_size",
            "annotations_seen",
            "seconds",
            "evaluation",
            "baseline",
            "error",
            "created_at",
            "finished_at",
        ]


class RecommenderSerializer(serializers.Serializer):
    name = serializers.CharField()
    labels = serializers.ListField(child=serializers.CharField())
    trainable = serializers.BooleanField()
    shown = serializers.BooleanField(help_text="Whether its suggestions are shown now.")
    version = serializers.CharField()
    last_run = TrainingRunSerializer(allow_null=True)
