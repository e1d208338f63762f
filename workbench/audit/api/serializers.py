"""Serializers of audit entries, the activity feed's query and its page."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from workbench.audit.changes import entry_changes
from workbench.audit.models import AuditEntry
from workbench.common.fields import IdField


class ChangeSerializer(serializers.Serializer):
    field = serializers.CharField()
    before = serializers.JSONField(allow_null=True)
    after = serializers.JSONField(allow_null=True)


class AuditEntrySerializer(serializers.ModelSerializer):
    actor_name = serializers.CharField(
        source="actor.username", read_only=True, default=None, allow_null=True
    )
    object_type = serializers.CharField(source="content_type.model", read_only=True)
    before = serializers.JSONField(read_only=True, allow_null=True)
    after = serializers.JSONField(read_only=True, allow_null=True)
    changes = serializers.SerializerMethodField(
        help_text="Each field whose value differs between before and after (before → after)."
    )

    class Meta:
        model = AuditEntry
        fields = [
            "id",
            "object_type",
            "object_id",
            "action",
            "actor",
            "actor_name",
            "at",
            "before",
            "after",
            "changes",
        ]
        read_only_fields = fields

    @extend_schema_field(ChangeSerializer(many=True))
    def get_changes(self, entry: AuditEntry) -> list[dict]:
        return entry_changes(entry.before, entry.after)


class ActivityQuerySerializer(serializers.Serializer):
    after = IdField(min_value=0, default=0, help_text="The last entry id seen (``last``).")
    limit = serializers.IntegerField(min_value=1, max_value=500, default=100)


class ActivityPageSerializer(serializers.Serializer):
    """One page of the feed: send ``last`` back as ``after``; ``more`` says to ask again now."""

    results = AuditEntrySerializer(many=True)
    last = serializers.IntegerField(help_text="The id to send as ``after`` next time.")
    more = serializers.BooleanField()
