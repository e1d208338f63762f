"""Admin: the label taxonomy, a moderation queue of annotations and agreement.

Bulk accept, reject, delete and restore call the same services as the API, so they are
checked and audited the same way. Staff moderators see only the projects they moderate.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.db.models import Case, IntegerField, QuerySet, Value, When
from django.http import Http404, HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.timesince import timesince
from django.utils.translation import gettext_lazy as _

from workbench.annotation import selectors, services
from workbench.annotation.models import (
    LINK_ENDPOINTS,
    Annotation,
    Comment,
    LabelType,
    Link,
    Status,
)
from workbench.annotation.validation import check_schema
from workbench.audit.admin import AuditEntryInline
from workbench.common.errors import WorkbenchError
from workbench.corpus import services as corpus_services
from workbench.corpus.access import moderated_projects
from workbench.corpus.admin import LanguageFilter, dir_auto
from workbench.corpus.admin_scope import ProjectScopedAdmin
from workbench.corpus.models import Document, Project, Segment
from workbench.language.codes import is_language_code

LINKED_NAMES = {name for pair in LINK_ENDPOINTS.values() for name in pair}


class LabelTypeForm(forms.ModelForm):
    class Meta:
        model = LabelType
        fields = ["name", "description", "colour", "shortcut", "schema", "is_active"]

    def clean_schema(self):
        schema = self.cleaned_data["schema"]
        try:
            check_schema(schema)
        except WorkbenchError as exc:
            raise forms.ValidationError(exc.message) from None
        return schema


@admin.register(LabelType)
class LabelTypeAdmin(admin.ModelAdmin):
    """Superusers edit the shared taxonomy; staff moderators may look at it."""

    form = LabelTypeForm
    list_display = ["name", "shown_as", "swatch", "shortcut", "is_active", "description"]
    list_filter = ["is_active"]
    search_fields = ["name", "description"]

    @admin.display(description=_("shown as"))
    def shown_as(self, label_type: LabelType) -> str:
        """The name as the interface shows it, in the interface language."""
        return str(label_type)

    @admin.display(description=_("colour"))
    def swatch(self, label_type: LabelType) -> str:
        return format_html(
            '<span style="display:inline-block;width:1em;height:1em;background:{}"></span> {}',
            label_type.colour,
            label_type.colour,
        )

    def get_readonly_fields(self, request: HttpRequest, obj=None):
        """Link rules refer to claim, stance and source by name, so those names stay fixed."""
        if obj is not None and obj.name in LINKED_NAMES:
            return ["name"]
        return []

    def has_module_permission(self, request: HttpRequest) -> bool:
        return self.has_view_permission(request)

    def has_view_permission(self, request: HttpRequest, obj=None) -> bool:
        user = request.user
        return user.is_active and user.is_staff and moderated_projects(user).exists()

    def has_add_permission(self, request: HttpRequest) -> bool:
        return request.user.is_superuser

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return request.user.is_superuser

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return request.user.is_superuser


class CommentInline(admin.TabularInline):
    model = Comment
    fields = ["created_at", "author", "body"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False


class LinkInline(admin.TabularInline):
    model = Link
    fk_name = "source"
    fields = ["type", "target", "author", "created_at"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    verbose_name_plural = _("links from this annotation")

    def has_add_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False


class ScopedChoicesFilter(admin.SimpleListFilter):
    """A filter whose choices come only from the annotations the user may see."""

    field = ""

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        if self.value():
            return queryset.filter(**{self.field: self.value()})
        return queryset


class ProjectFilter(ScopedChoicesFilter):
    title = _("project")
    parameter_name = "project"
    field = "document__project_id"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin):
        projects = Project.objects.filter(pk__in=model_admin._moderated(request))
        if request.user.is_superuser:
            projects = Project.objects.all()
        return [(str(p.pk), p.name) for p in projects.order_by("name")]


class AuthorFilter(ScopedChoicesFilter):
    title = _("author")
    parameter_name = "author"
    field = "author_id"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin):
        authors = (
            model_admin.get_queryset(request)
            .exclude(author=None)
            .order_by("author__username")
            .values_list("author_id", "author__username")
            .distinct()
        )
        return [(str(pk), name) for pk, name in authors]


class SegmentLanguageFilter(admin.SimpleListFilter):
    """Annotations whose span touches a segment in the chosen (effective) language."""

    title = _("segment language")
    parameter_name = "segment_language"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin):
        segments = Segment.objects.all()
        if not request.user.is_superuser:
            segments = segments.filter(document__project__in=model_admin._moderated(request))
        return [(value, value) for value in segments.effective_languages()]

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        if self.value():
            return queryset.filter(selectors.segment_language_q(self.value()))
        return queryset


class DeletedFilter(admin.SimpleListFilter):
    """Live annotations unless deleted ones are asked for."""

    title = _("deleted")
    parameter_name = "deleted"

    options = (("no", _("Live")), ("yes", _("Deleted")), ("all", _("All")))

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin):
        return self.options

    def choices(self, changelist):
        current = self.value() or "no"
        for value, label in self.options:
            yield {
                "selected": current == value,
                "query_string": changelist.get_query_string({self.parameter_name: value}),
                "display": label,
            }

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        if self.value() == "yes":
            return queryset.filter(deleted_at__isnull=False)
        if self.value() == "all":
            return queryset
        return queryset.filter(deleted_at__isnull=True)


class RejectForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 3, "cols": 60, "dir": "auto"}),
        max_length=services.REASON_MAX_LENGTH,
    )


@admin.register(Annotation)
class AnnotationAdmin(ProjectScopedAdmin, admin.ModelAdmin):
    """A moderation queue: pending annotations first, oldest first."""

    project_path = "document__project"
    list_display = [
        "quote_auto",
        "label_type",
        "status",
        "author",
        "age",
        "document_link",
        "agreement_link",
    ]
    list_display_links = ["quote_auto"]
    list_filter = [
        "status",
        "label_type",
        AuthorFilter,
        ProjectFilter,
        SegmentLanguageFilter,
        DeletedFilter,
    ]
    list_select_related = ["label_type", "author"]
    search_fields = ["quote"]
    fields = [
        "document",
        "label_type",
        "start",
        "end",
        "quote_full",
        "attributes",
        "author",
        "status",
        "review_reason",
        "reviewed_by",
        "reviewed_at",
        "version",
        "created_at",
        "updated_at",
        "deleted_at",
        "deleted_by",
        "agreement_link",
    ]
    readonly_fields = fields
    inlines = [AuditEntryInline, CommentInline, LinkInline]
    actions = ["accept_selected", "reject_selected", "delete_selected_soft", "restore_selected"]

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        """Load each row's document title but not the document's (possibly long) text."""
        return super().get_queryset(request).select_related("document").defer("document__text")

    def get_ordering(self, request: HttpRequest):
        pending_first = Case(
            When(status=Status.PENDING, then=Value(0)),
            default=Value(1),
            output_field=IntegerField(),
        )
        return [pending_first.asc(), "created_at", "pk"]

    def get_actions(self, request: HttpRequest):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    def has_add_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def lookup_allowed(self, lookup: str, value: str, request: HttpRequest) -> bool:
        """Allow the document filter used by the links from the agreement page."""
        return lookup == "document__id__exact" or super().lookup_allowed(lookup, value, request)

    def change_view(self, request: HttpRequest, object_id, form_url="", extra_context=None):
        extra = {"show_save": False, "show_save_and_continue": False, **(extra_context or {})}
        return super().change_view(request, object_id, form_url, extra)

    def get_urls(self):
        view = self.admin_site.admin_view(self.agreement_view)
        return [
            path("agreement/<int:document_id>/", view, name="annotation_annotation_agreement"),
            *super().get_urls(),
        ]

    @admin.display(description=_("quote"), ordering="quote")
    def quote_auto(self, annotation: Annotation) -> str:
        return dir_auto(annotation.quote, limit=120)

    @admin.display(description=_("quote"))
    def quote_full(self, annotation: Annotation) -> str:
        return dir_auto(annotation.quote, limit=10_000)

    @admin.display(description=_("age"), ordering="created_at")
    def age(self, annotation: Annotation) -> str:
        return timesince(annotation.created_at)

    @admin.display(description=_("document"), ordering="document__title")
    def document_link(self, annotation: Annotation) -> str:
        url = reverse("admin:corpus_document_change", args=[annotation.document_id])
        return format_html('<a href="{}">{}</a>', url, dir_auto(annotation.document.title, 60))

    @admin.display(description=_("agreement"))
    def agreement_link(self, annotation: Annotation) -> str:
        url = reverse("admin:annotation_annotation_agreement", args=[annotation.document_id])
        return format_html('<a href="{}">{}</a>', url, _("agreement"))

    def _run(self, request: HttpRequest, queryset: QuerySet, service, done: str, **kwargs) -> None:
        """Call ``service`` on each annotation through the shared bulk helper."""
        self.bulk_apply(
            request,
            queryset.select_related("document"),
            lambda annotation: service(
                actor=self.actor_for_object(request, annotation), annotation=annotation, **kwargs
            ),
            done,
        )

    @admin.action(description=_("Accept selected annotations"))
    def accept_selected(self, request: HttpRequest, queryset: QuerySet) -> None:
        self._run(
            request,
            queryset,
            services.annotation_review,
            _("%(n)d annotations accepted."),
            decision=services.Decision.ACCEPT,
        )

    @admin.action(description=_("Reject selected annotations (with a reason)…"))
    def reject_selected(self, request: HttpRequest, queryset: QuerySet) -> HttpResponse | None:
        form = RejectForm(request.POST if "apply" in request.POST else None)
        if form.is_valid():
            self._run(
                request,
                queryset,
                services.annotation_review,
                _("%(n)d annotations rejected."),
                decision=services.Decision.REJECT,
                reason=form.cleaned_data["reason"],
            )
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": _("Reject annotations"),
            "opts": self.model._meta,
            "annotations": queryset.select_related("label_type", "author"),
            "form": form,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            "action": "reject_selected",
        }
        return TemplateResponse(
            request, "admin/annotation/annotation/reject_confirmation.html", context
        )

    @admin.action(description=_("Delete selected annotations (soft, can be restored)"))
    def delete_selected_soft(self, request: HttpRequest, queryset: QuerySet) -> None:
        self._run(request, queryset, services.annotation_delete, _("%(n)d annotations deleted."))

    @admin.action(description=_("Restore selected deleted annotations"))
    def restore_selected(self, request: HttpRequest, queryset: QuerySet) -> None:
        self._run(request, queryset, services.annotation_restore, _("%(n)d annotations restored."))

    def agreement_view(self, request: HttpRequest, document_id: int) -> HttpResponse:
        """Agreement per label type on one document of a project the user moderates."""
        document = Document.objects.filter(pk=document_id).first()
        if document is None or not (
            request.user.is_superuser or document.project_id in self._moderated(request)
        ):
            raise Http404(_("Not found."))
        results = selectors.document_agreement(document=document)
        context = {
            **self.admin_site.each_context(request),
            "title": _("Agreement on %(title)s") % {"title": document.title},
            "opts": self.model._meta,
            "document": document,
            "results": [
                {"label_type": name, "counts": list(value.spans.items()), **value.as_dict()}
                for name, value in results.items()
            ],
            "queue_url": reverse("admin:annotation_annotation_changelist")
            + f"?document__id__exact={document.pk}",
        }
        return TemplateResponse(request, "admin/annotation/annotation/agreement.html", context)


class SegmentForm(forms.ModelForm):
    class Meta:
        model = Segment
        fields = ["language_override"]

    def clean_language_override(self) -> str:
        value = self.cleaned_data["language_override"].strip()
        if value and not is_language_code(value):
            raise forms.ValidationError(
                _("%(code)s is not a known language code.") % {"code": value}
            )
        return value


@admin.register(Segment)
class SegmentAdmin(ProjectScopedAdmin, admin.ModelAdmin):
    form = SegmentForm
    project_path = "document__project"
    list_display = ["document", "index", "text_auto", "language", "language_override", "confidence"]
    list_filter = [
        LanguageFilter,
        "language_override",
        ("document__project", admin.RelatedOnlyFieldListFilter),
        "kind",
    ]
    list_select_related = ["document"]
    search_fields = ["text"]
    fields = [
        "document",
        "index",
        "start",
        "end",
        "kind",
        "text_auto",
        "language",
        "languages",
        "runs",
        "confidence",
        "controls",
        "language_override",
        "override_by",
        "override_at",
    ]
    readonly_fields = [f for f in fields if f != "language_override"]
    actions = ["detect_language"]

    def has_add_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def save_model(self, request: HttpRequest, obj: Segment, form, change: bool) -> None:
        services.segment_language_set(
            actor=self.actor(request, obj.document.project_id),
            segment=obj,
            language=obj.language_override,
        )

    @admin.display(description=_("text"))
    def text_auto(self, segment: Segment) -> str:
        return dir_auto(segment.text)

    @admin.action(description=_("Re-run language detection on these segments' documents"))
    def detect_language(self, request: HttpRequest, queryset: QuerySet[Segment]) -> None:
        documents = Document.objects.filter(pk__in=queryset.values("document_id"))
        changed = sum(
            corpus_services.document_detect_language(
                actor=self.actor(request, doc.project_id), document=doc
            )
            for doc in documents
        )
        self.message_user(
            request,
            _("Language detection re-run; %(n)d segments changed.") % {"n": changed},
            messages.SUCCESS,
        )
