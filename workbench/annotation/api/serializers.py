"""Serializers for label types, annotations, reviews, comments, links and agreement.

Input serializers only check types; the services validate meaning (offsets, quote, schema)
and name the offending field in their errors.
"""

from rest_framework import serializers

from workbench.annotation.models import Annotation, Comment, LabelType, Link, LinkType
from workbench.annotation.services import Decision
from workbench.common.fields import IdField, VersionField


class LabelTypeSerializer(serializers.ModelSerializer):
    class Meta:
        model = LabelType
        fields = ["id", "name", "description", "colour", "shortcut", "schema", "is_active"]
        read_only_fields = fields


class AnnotationSerializer(serializers.ModelSerializer):
    """An annotation as the API returns it; ``version`` goes back with the next change."""

    label_type_name = serializers.CharField(source="label_type.name", read_only=True)
    author_name = serializers.CharField(source="author.username", read_only=True, default=None)
    attributes = serializers.JSONField(read_only=True)

    class Meta:
        model = Annotation
        fields = [
            "id",
            "document",
            "label_type",
            "label_type_name",
            "start",
            "end",
            "quote",
            "attributes",
            "author",
            "author_name",
            "status",
            "review_reason",
            "reviewed_by",
            "reviewed_at",
            "version",
            "created_at",
            "updated_at",
            "deleted_at",
            "deleted_by",
        ]
        read_only_fields = fields


class AnnotationConflictSerializer(serializers.Serializer):
    """The body of a 409: why, and the annotation as it is now, to merge and retry."""

    detail = serializers.CharField()
    code = serializers.CharField()
    current = AnnotationSerializer()


class AnnotationCreateSerializer(serializers.Serializer):
    """A new span: code-point offsets into the document text and the exact quote."""

    document = IdField()
    label_type = IdField()
    start = serializers.IntegerField(help_text="Code-point offset of the first character.")
    end = serializers.IntegerField(help_text="Code-point offset just past the last character.")
    quote = serializers.CharField(trim_whitespace=False, help_text="Exactly text[start:end].")
    attributes = serializers.JSONField(required=False, default=dict)


class AnnotationUpdateSerializer(serializers.Serializer):
    """A partial change; ``version`` (or an ``If-Match`` header) must be the current one."""

    version = VersionField(required=False)
    label_type = IdField(required=False)
    start = serializers.IntegerField(required=False)
    end = serializers.IntegerField(required=False)
    quote = serializers.CharField(required=False, trim_whitespace=False)
    attributes = serializers.JSONField(required=False)


class ReviewSerializer(serializers.Serializer):
    decision = serializers.ChoiceField(choices=Decision.choices)
    reason = serializers.CharField(required=False, allow_blank=True, default="")
    version = VersionField(required=False)


class CommentSerializer(serializers.ModelSerializer):
    author_name = serializers.CharField(source="author.username", read_only=True, default=None)

    class Meta:
        model = Comment
        fields = ["id", "annotation", "author", "author_name", "body", "created_at"]
        read_only_fields = ["id", "annotation", "author", "author_name", "created_at"]


class LinkSerializer(serializers.ModelSerializer):
    document = serializers.IntegerField(source="source.document_id", read_only=True)

    class Meta:
        model = Link
        fields = ["id", "type", "source", "target", "document", "author", "created_at"]
        read_only_fields = ["id", "type", "source", "target", "document", "author", "created_at"]


class LinkCreateSerializer(serializers.Serializer):
    type = serializers.ChoiceField(choices=LinkType.choices)
    source = IdField()
    target = IdField()


class PairScoreSerializer(serializers.Serializer):
    a = serializers.CharField()
    b = serializers.CharField()
    exact_f1 = serializers.FloatField(allow_null=True)
    overlap_f1 = serializers.FloatField(allow_null=True)


class LabelTypeAgreementSerializer(serializers.Serializer):
    label_type = serializers.CharField()
    annotators = serializers.ListField(child=serializers.CharField())
    spans = serializers.DictField(child=serializers.IntegerField())
    exact_f1 = serializers.FloatField(allow_null=True)
    overlap_f1 = serializers.FloatField(allow_null=True)
    alpha = serializers.FloatField(
        allow_null=True, help_text="Krippendorff's nominal alpha over code points."
    )
    units = serializers.IntegerField(help_text="Code points in the document.")
    pairs = PairScoreSerializer(many=True)


class DocumentAgreementSerializer(serializers.Serializer):
    document = serializers.IntegerField()
    results = LabelTypeAgreementSerializer(many=True)


class AgreementQuerySerializer(serializers.Serializer):
    label_type = IdField(required=False)
