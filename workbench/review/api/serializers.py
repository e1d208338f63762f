"""Serializers of the review queue, assignments, workloads and "My work"."""

from rest_framework import serializers

from workbench.annotation.api.serializers import AnnotationSerializer, CommentSerializer
from workbench.audit.api.serializers import ChangeSerializer
from workbench.common.fields import IdField
from workbench.review.models import MAX_ANNOTATORS, Assignment


class QueueQuerySerializer(serializers.Serializer):
    document = IdField(required=False, help_text="Only this document of the project.")
    label_type = IdField(required=False, help_text="Only this label type.")
    skip = serializers.CharField(
        required=False, default="", help_text="Annotation ids passed over, comma-separated."
    )

    def validate_skip(self, value: str) -> list[int]:
        parts = [part.strip() for part in value.split(",") if part.strip()]
        if not all(part.isdigit() and len(part) < 19 for part in parts):
            raise serializers.ValidationError("Comma-separated annotation ids, such as 3,7.")
        return [int(part) for part in parts]


class QueueSegmentSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    index = serializers.IntegerField()
    start = serializers.IntegerField()
    end = serializers.IntegerField()
    kind = serializers.CharField()
    text = serializers.CharField(trim_whitespace=False)
    dir = serializers.ChoiceField(choices=["ltr", "rtl"], help_text="From the first strong letter.")
    runs = serializers.JSONField()
    effective_language = serializers.CharField()
    role = serializers.ChoiceField(
        choices=["before", "span", "after"], help_text="Holds the span, or is a neighbour."
    )


class QueueLinkOtherSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    quote = serializers.CharField(trim_whitespace=False)
    label_type_name = serializers.CharField()


class QueueLinkSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    type = serializers.CharField()
    direction = serializers.ChoiceField(choices=["in", "out"])
    other = QueueLinkOtherSerializer()


class QueueItemSerializer(serializers.Serializer):
    """The next annotation to review with its context, or ``annotation: null`` when done."""

    annotation = AnnotationSerializer(allow_null=True)
    document_title = serializers.CharField(allow_null=True)
    segments = QueueSegmentSerializer(many=True)
    links = QueueLinkSerializer(many=True)
    comments = CommentSerializer(many=True)
    remaining = serializers.IntegerField(help_text="Pending annotations left, this one included.")


class AssignmentSerializer(serializers.ModelSerializer):
    document_title = serializers.CharField(source="document.title", read_only=True)
    username = serializers.CharField(source="user.username", read_only=True)
    assigned_by_name = serializers.CharField(
        source="assigned_by.username", read_only=True, default=None
    )

    class Meta:
        model = Assignment
        fields = [
            "id",
            "document",
            "document_title",
            "user",
            "username",
            "state",
            "assigned_by",
            "assigned_by_name",
            "created_at",
            "finished_at",
            "version",
        ]
        read_only_fields = fields


class AssignmentCreateSerializer(serializers.Serializer):
    user = IdField(help_text="A member of the document's project.")


class FinishSerializer(serializers.Serializer):
    version = serializers.IntegerField(required=False)


class WorkloadSerializer(serializers.Serializer):
    annotators_needed = serializers.IntegerField(
        help_text=f"How many annotators the document needs (1 to {MAX_ANNOTATORS})."
    )


class NextDocumentSerializer(serializers.Serializer):
    """The assignment to open next, or ``null`` when nothing is left."""

    assignment = AssignmentSerializer(allow_null=True)


class WorkItemSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=["rejected", "accepted", "commented", "changed"])
    action = serializers.CharField(source="entry.action")
    actor_name = serializers.CharField(source="entry.actor.username", default=None)
    at = serializers.DateTimeField(source="entry.at")
    annotation = AnnotationSerializer()
    document_title = serializers.CharField(source="annotation.document.title")
    reason = serializers.CharField()
    comment = serializers.CharField()
    changes = ChangeSerializer(many=True)


class MyWorkSerializer(serializers.Serializer):
    since = serializers.DateTimeField(allow_null=True, help_text="When you last marked it seen.")
    results = WorkItemSerializer(many=True)


class MyWorkQuerySerializer(serializers.Serializer):
    all = serializers.BooleanField(
        required=False, default=False, help_text="Everything, not only what is new."
    )
