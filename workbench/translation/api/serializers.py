"""Serializers of the translation API."""

from rest_framework import serializers

from workbench.common.fields import IdField
from workbench.translation.models import Translation, TranslationJob


class TranslationSerializer(serializers.ModelSerializer):
    created_by = serializers.SlugRelatedField(slug_field="username", read_only=True)
    edited_by = serializers.SlugRelatedField(slug_field="username", read_only=True)
    reviewed_by = serializers.SlugRelatedField(slug_field="username", read_only=True)

    class Meta:
        model = Translation
        fields = [
            "id",
            "segment",
            "source",
            "target",
            "text",
            "origin",
            "engine",
            "package_code",
            "package_version",
            "pivot",
            "memory_of",
            "status",
            "created_by",
            "created_at",
            "edited_by",
            "edited_at",
            "reviewed_by",
            "reviewed_at",
            "version",
        ]
        read_only_fields = fields


class TranslationEditSerializer(serializers.Serializer):
    text = serializers.CharField(trim_whitespace=False)
    version = serializers.IntegerField(
        min_value=1, required=False, help_text="or send the ETag in If-Match"
    )


class TranslationReviewSerializer(serializers.Serializer):
    version = serializers.IntegerField(min_value=1, required=False)


class JobSerializer(serializers.ModelSerializer):
    class Meta:
        model = TranslationJob
        fields = [
            "id",
            "document",
            "source",
            "target",
            "status",
            "done",
            "total",
            "drafted",
            "skipped",
            "error",
            "created_at",
            "started_at",
            "finished_at",
        ]
        read_only_fields = fields


class JobCreateSerializer(serializers.Serializer):
    target = serializers.CharField(max_length=16)
    source = serializers.CharField(max_length=16, required=False, allow_blank=True, default="")
    segments = serializers.ListField(child=IdField(), required=False, allow_empty=False)


class MemoryQuerySerializer(serializers.Serializer):
    target = serializers.CharField(max_length=16)
    limit = serializers.IntegerField(min_value=1, max_value=50, default=5)
    min_score = serializers.FloatField(
        min_value=0, max_value=100, default=60, help_text="rapidfuzz ratio, 0 to 100"
    )


class MemoryMatchSerializer(serializers.Serializer):
    translation = serializers.IntegerField(source="translation.pk")
    segment = serializers.IntegerField(source="translation.segment_id")
    source_text = serializers.CharField()
    text = serializers.CharField(source="translation.text")
    score = serializers.FloatField()


class PairSerializer(serializers.Serializer):
    engine = serializers.CharField()
    source = serializers.CharField()
    target = serializers.CharField()
    package_code = serializers.CharField()
    package_version = serializers.CharField()
