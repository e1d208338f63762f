"""Admin: the read-only audit log, and the history inline other admins show on their objects."""

from django.contrib import admin
from django.contrib.contenttypes.admin import GenericTabularInline
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from workbench.audit.models import AuditEntry
from workbench.corpus.admin_scope import ProjectScopedAdmin


class AuditEntryInline(GenericTabularInline):
    """An object's history, read-only."""

    model = AuditEntry
    fields = ["at", "actor", "action", "before", "after"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    verbose_name_plural = _("history")

    def has_add_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False


@admin.register(AuditEntry)
class AuditEntryAdmin(ProjectScopedAdmin, admin.ModelAdmin):
    """The audit log, read-only; staff moderators see the entries of their projects."""

    list_display = ["at", "project", "content_type", "object_id", "action", "actor"]
    list_filter = ["action", "content_type"]
    list_select_related = ["project", "content_type", "actor"]
    search_fields = ["object_id", "actor__username"]
    fields = ["at", "project", "content_type", "object_id", "action", "actor", "before", "after"]
    readonly_fields = fields

    def has_add_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False
