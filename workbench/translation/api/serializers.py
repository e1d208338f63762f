"""Serializers of the translation API."""

from django.utils.translation import gettext as _
from rest_framework import serializers

from workbench.common.fields import IdField, VersionField, parse_id
from workbench.translation.models import Translation, TranslationJob


class TranslationSerializer(serializers.ModelSerializer):
    created_by = serializers.SlugRelatedField(
        slug_field="username", read_only=True, allow_null=True
    )
    edited_by = serializers.SlugRelatedField(slug_field="username", read_only=True, allow_null=True)
    reviewed_by = serializers.SlugRelatedField(
        slug_field="username", read_only=True, allow_null=True
    )

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
    version = VersionField(min_value=1, required=False, help_text="or send the ETag in If-Match")


class TranslationReviewSerializer(serializers.Serializer):
    version = VersionField(min_value=1, required=False)


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


class DocumentTranslationQuerySerializer(serializers.Serializer):
    """Filters of a document's translation list: one target language, some ids."""

    MAX_IDS = 500

    target = serializers.CharField(required=False, allow_blank=True, max_length=16, default="")
    ids = serializers.CharField(
        required=False, help_text="Comma-separated translation ids (at most 500)."
    )

    def validate_ids(self, value: str) -> list[int]:
        ids = [parse_id(part.strip()) for part in value.split(",") if part.strip()]
        if None in ids:
            raise serializers.ValidationError(_("Give ids as comma-separated numbers."))
        if len(ids) > self.MAX_IDS:
            raise serializers.ValidationError(
                _("Ask for at most %(n)d ids at a time.") % {"n": self.MAX_IDS}
            )
        if any(pk < 1 or pk >= 2**63 for pk in ids):
            raise serializers.ValidationError(_("Ids are positive 64-bit numbers."))
        return ids


class TranslationCreateSerializer(serializers.Serializer):
    """A translation written by hand: its target language and text."""

    target = serializers.CharField(max_length=16)
    text = serializers.CharField(trim_whitespace=False)
