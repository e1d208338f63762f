"""Serializers for projects, members, documents and segments."""

from rest_framework import serializers

from workbench.corpus.access import user_role
from workbench.corpus.models import Document, Membership, Project, Role, Segment


class ProjectSerializer(serializers.ModelSerializer):
    document_count = serializers.IntegerField(read_only=True, default=0)
    role = serializers.SerializerMethodField()

    class Meta:
        model = Project
        fields = ["id", "name", "description", "created_at", "document_count", "role"]
        read_only_fields = ["id", "created_at", "document_count", "role"]
        # The service checks the name after checking who may create projects, so a taken
        # name tells nobody who may not create one that it exists.
        extra_kwargs = {"name": {"validators": []}}

    def get_role(self, project: Project) -> str | None:
        """The requesting user's role: annotated by the list selector, else looked up."""
        if hasattr(project, "my_role"):
            return project.my_role
        request = self.context.get("request")
        return user_role(request.user, project.pk) if request else None


class MembershipSerializer(serializers.ModelSerializer):
    user_id = serializers.IntegerField(source="user.id", read_only=True)
    username = serializers.CharField(source="user.username")
    role = serializers.ChoiceField(choices=Role.choices)

    class Meta:
        model = Membership
        fields = ["user_id", "username", "role", "created_at"]
        read_only_fields = ["created_at"]


class DocumentSerializer(serializers.ModelSerializer):
    segment_count = serializers.SerializerMethodField()

    class Meta:
        model = Document
        fields = [
            "id",
            "project",
            "title",
            "source_name",
            "revision",
            "previous",
            "sha256",
            "language",
            "normalization",
            "imported_at",
            "segment_count",
        ]
        read_only_fields = fields

    def get_segment_count(self, document: Document) -> int:
        """Segments of the document: annotated by the list selector, else counted."""
        if hasattr(document, "segments_n"):
            return document.segments_n
        return document.segments.count()


class DocumentDetailSerializer(DocumentSerializer):
    length = serializers.SerializerMethodField()

    class Meta(DocumentSerializer.Meta):
        fields = [*DocumentSerializer.Meta.fields, "length", "text"]
        read_only_fields = fields

    def get_length(self, document: Document) -> int:
        """Length of the text in code points, the unit of every offset."""
        return len(document.text)


class DocumentUploadSerializer(serializers.Serializer):
    file = serializers.FileField(allow_empty_file=True)


class ImportResultSerializer(serializers.Serializer):
    status = serializers.CharField()
    changes = serializers.ListField(child=serializers.CharField())
    document = DocumentSerializer()


class RunSerializer(serializers.Serializer):
    start = serializers.IntegerField()
    end = serializers.IntegerField()
    language = serializers.CharField()
    script = serializers.CharField()


class SegmentSerializer(serializers.ModelSerializer):
    runs = RunSerializer(many=True, read_only=True)
    languages = serializers.ListField(child=serializers.CharField(), read_only=True)
    effective_language = serializers.CharField(read_only=True)

    class Meta:
        model = Segment
        fields = [
            "id",
            "document",
            "index",
            "start",
            "end",
            "text",
            "kind",
            "language",
            "languages",
            "runs",
            "confidence",
            "controls",
            "language_override",
            "override_by",
            "override_at",
            "effective_language",
        ]
        read_only_fields = [f for f in fields if f != "language_override"]


class SegmentOverrideSerializer(serializers.Serializer):
    language_override = serializers.CharField(allow_blank=True, max_length=16)
