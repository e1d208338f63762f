"""Serializers for label types, annotations, reviews, comments, links and agreement.

Input serializers only check types; the services validate meaning (offsets, quote, schema)
and name the offending field in their errors.
"""

from rest_framework import serializers

from workbench.annotation.models import Annotation, Comment, LabelType, Link, LinkType
from workbench.annotation.services import Decision
from workbench.common.fields import IdField


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

    version = serializers.IntegerField(required=False)
    label_type = IdField(required=False)
    start = serializers.IntegerField(required=False)
    end = serializers.IntegerField(required=False)
    quote = serializers.CharField(required=False, trim_whitespace=False)
    attributes = serializers.JSONField(required=False)


class ReviewSerializer(serializers.Serializer):
    decision = serializers.ChoiceField(choices=Decision.choices)
    reason = serializers.CharField(required=False, allow_blank=True, default="")
    version = serializers.IntegerField(required=False)


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


class AdjudicationGroupSerializer(serializers.Serializer):
    label_type = serializers.IntegerField()
    label_type_name = serializers.CharField()
    start = serializers.IntegerField()
    end = serializers.IntegerField()
    agrees = serializers.BooleanField(
        help_text="Every annotator marked this span with the same offsets."
    )
    annotations = AnnotationSerializer(many=True)
    variants = serializers.ListField(child=serializers.DictField())


class AdjudicationSegmentSerializer(serializers.Serializer):
    segment = serializers.IntegerField()
    index = serializers.IntegerField()
    start = serializers.IntegerField()
    end = serializers.IntegerField()
    text = serializers.CharField(trim_whitespace=False)
    dir = serializers.ChoiceField(choices=["ltr", "rtl"], help_text="From the first strong letter.")
    runs = serializers.JSONField(help_text="Language runs, code points into ``text``.")
    effective_language = serializers.CharField()
    groups = AdjudicationGroupSerializer(many=True)


class AdjudicationSerializer(serializers.Serializer):
    """Each annotator's spans side by side per segment, and agreement per label type."""

    document = serializers.IntegerField()
    annotators = serializers.ListField(child=serializers.CharField())
    segments = AdjudicationSegmentSerializer(many=True)
    agreement = LabelTypeAgreementSerializer(many=True)


class AdjudicateSerializer(serializers.Serializer):
    versions = serializers.DictField(
        child=serializers.IntegerField(),
        help_text="Every annotation of the group: id → the version you saw.",
    )
    choose = serializers.ListField(
        child=IdField(), help_text="The one to accept, or several of one type to merge."
    )
    reason = serializers.CharField(
        required=False, allow_blank=True, default="", help_text="Why the others are rejected."
    )

    def validate_versions(self, value: dict) -> dict[int, int]:
        if not all(str(key).isdigit() and len(str(key)) < 19 for key in value):
            raise serializers.ValidationError("Keys are annotation ids.")
        return {int(key): version for key, version in value.items()}


class AdjudicatedSerializer(serializers.Serializer):
    results = AnnotationSerializer(many=True)
