"""Admin for translations and jobs; the translation list also shows the installed pairs."""

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from workbench.corpus.admin import dir_auto
from workbench.corpus.admin_scope import ProjectScopedAdmin

from . import selectors, services
from .errors import TranslationEngineFailed
from .models import Translation, TranslationJob


@admin.register(Translation)
class TranslationAdmin(ProjectScopedAdmin, admin.ModelAdmin):
    project_path = "segment__document__project"
    list_display = ["id", "source_text", "shown_text", "target", "origin", "status", "version"]
    list_filter = ["status", "origin", "target", "source"]
    search_fields = ["text", "segment__text"]
    list_select_related = ["segment"]
    readonly_fields = [
        "segment",
        "source",
        "target",
        "source_sha256",
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
    actions = ["approve", "reject"]
    change_list_template = "admin/translation/translation/change_list.html"

    @admin.display(description=_("source"))
    def source_text(self, obj: Translation) -> str:
        return dir_auto(obj.segment.text, 80)

    @admin.display(description=_("translation"))
    def shown_text(self, obj: Translation) -> str:
        return dir_auto(obj.text, 80)

    def has_add_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def changelist_view(self, request: HttpRequest, extra_context: dict | None = None):
        try:
            pairs = selectors.installed_pairs()
        except TranslationEngineFailed as exc:
            pairs = []
            self.message_user(request, exc.message, messages.WARNING)
        extra_context = {**(extra_context or {}), "installed_pairs": pairs}
        return super().changelist_view(request, extra_context=extra_context)

    def _review(self, request: HttpRequest, queryset: QuerySet, service, done: str) -> None:
        self.bulk_apply(
            request,
            queryset.select_related("segment__document"),
            lambda translation: service(
                actor=self.actor_for_object(request, translation), translation=translation
            ),
            done,
        )

    @admin.action(description=_("Approve selected translations"))
    def approve(self, request: HttpRequest, queryset: QuerySet) -> None:
        self._review(
            request, queryset, services.translation_approve, _("%(n)d translations approved.")
        )

    @admin.action(description=_("Reject selected translations"))
    def reject(self, request: HttpRequest, queryset: QuerySet) -> None:
        self._review(
            request, queryset, services.translation_reject, _("%(n)d translations rejected.")
        )


@admin.register(TranslationJob)
class TranslationJobAdmin(ProjectScopedAdmin, admin.ModelAdmin):
    project_path = "document__project"
    list_display = [
        "id",
        "document",
        "source",
        "target",
        "status",
        "done",
        "total",
        "owner",
        "heartbeat_at",
        "created_at",
    ]
    list_filter = ["status", "target"]
    readonly_fields = [f.name for f in TranslationJob._meta.fields]

    def has_add_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False
