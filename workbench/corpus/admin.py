"""Admin for projects, documents and segments, scoped to the projects a moderator runs."""

from django import forms
from django.contrib import admin, messages
from django.db import transaction
from django.db.models import Count, QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from workbench.common.errors import WorkbenchError
from workbench.corpus import (
    admin_users,  # noqa: F401 (registers the accounts admin)
    services,
)
from workbench.corpus.access import actor_for, moderated_projects
from workbench.corpus.admin_scope import ProjectScopedAdmin
from workbench.corpus.models import Document, Membership, Project, Role


def dir_auto(text: str, limit: int = 160) -> str:
    """Escaped text in a ``dir="auto"`` element so Arabic and English each read correctly."""
    shown = text if len(text) <= limit else text[: limit - 1] + "…"
    return format_html('<span dir="auto" style="unicode-bidi: isolate">{}</span>', shown)


class LanguageFilter(admin.SimpleListFilter):
    """Filter by detected language, ``mixed`` and ``und`` included."""

    title = _("language")
    parameter_name = "language"
    field = "language"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin):
        values = (
            model_admin.get_queryset(request)
            .order_by()
            .values_list(self.field, flat=True)
            .distinct()
        )
        return [(value, value) for value in sorted(set(values)) if value]

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        if self.value():
            return queryset.filter(**{self.field: self.value()})
        return queryset


class MembershipFormSet(forms.BaseInlineFormSet):
    """The members of one project: no one twice, and at least one moderator left."""

    def clean(self) -> None:
        super().clean()
        roles = dict(
            Membership.objects.filter(project=self.instance).values_list("user_id", "role")
        )
        for form in self.initial_forms:
            roles.pop(form.instance.user_id, None)
        for form in self.forms:
            user = form.cleaned_data.get("user")
            if user is None or self._should_delete_form(form):
                continue
            if form.instance.pk is None and user.pk in roles:
                form.add_error(
                    "user",
                    _("%(name)s is a member already; change the role in their row.")
                    % {"name": user.get_username()},
                )
            roles[user.pk] = form.cleaned_data.get("role")
        if Role.MODERATOR not in roles.values():
            raise forms.ValidationError(_("A project keeps at least one moderator."))


class MembershipInline(admin.TabularInline):
    """Members of a project, shown to and edited by its moderators through the services."""

    model = Membership
    formset = MembershipFormSet
    extra = 1
    # A search that needs part of a name (``admin_users.AccountAdmin``), not every account.
    autocomplete_fields = ["user"]

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        queryset = super().get_queryset(request).select_related("user")
        if request.user.is_superuser:
            return queryset
        return queryset.filter(project__in=moderated_projects(request.user))

    def _allowed(self, request: HttpRequest, project: Project | None) -> bool:
        """Superusers, and moderators of ``project`` (of any project when none is given)."""
        if request.user.is_superuser:
            return True
        moderated = moderated_projects(request.user)
        if project is not None:
            moderated = moderated.filter(pk=project.pk)
        return request.user.is_staff and moderated.exists()

    def has_view_permission(self, request: HttpRequest, obj: Project | None = None) -> bool:
        return self._allowed(request, obj)

    def has_add_permission(self, request: HttpRequest, obj: Project | None = None) -> bool:
        return self._allowed(request, obj)

    def has_change_permission(self, request: HttpRequest, obj: Project | None = None) -> bool:
        return self._allowed(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Project | None = None) -> bool:
        return self._allowed(request, obj)


@admin.register(Project)
class ProjectAdmin(ProjectScopedAdmin, admin.ModelAdmin):
    project_path = "pk"
    list_display = ["name", "document_count", "member_count", "created_at"]
    search_fields = ["name"]
    inlines = [MembershipInline]

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return (
            super()
            .get_queryset(request)
            .annotate(
                documents_n=Count("documents", distinct=True),
                members_n=Count("memberships", distinct=True),
            )
        )

    @admin.display(description=_("documents"), ordering="documents_n")
    def document_count(self, project: Project) -> int:
        return project.documents_n

    @admin.display(description=_("members"), ordering="members_n")
    def member_count(self, project: Project) -> int:
        return project.members_n

    def has_add_permission(self, request: HttpRequest, obj=None) -> bool:
        return request.user.is_superuser

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return request.user.is_superuser

    def save_formset(self, request: HttpRequest, form, formset, change: bool) -> None:
        """Members change through the services, which check the acting moderator's role.

        New moderators are named before anyone steps down, so a hand-over in one form works.
        """
        if formset.model is not Membership:
            super().save_formset(request, form, formset, change)
            return
        project = form.instance
        formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
        removed = [f for f in formset.initial_forms if formset._should_delete_form(f)]
        kept = [f for f in formset.forms if f not in removed and f.has_changed()]
        kept.sort(key=lambda f: f.cleaned_data["role"] != Role.MODERATOR)
        with transaction.atomic():
            for row in kept:
                previous = row.instance.pk and Membership.objects.get(pk=row.instance.pk)
                user = row.cleaned_data["user"]
                if previous and previous.user_id != user.pk:
                    removed.append(row)
                membership = services.project_member_set(
                    actor=self.actor(request, project.pk),
                    project=project,
                    username=user.get_username(),
                    role=row.cleaned_data["role"],
                )
                if previous and previous.user_id == user.pk:
                    formset.changed_objects.append((membership, row.changed_data))
                else:
                    formset.new_objects.append(membership)
            for row in removed:
                previous = Membership.objects.get(pk=row.instance.pk)
                services.project_member_remove(
                    actor=self.actor(request, project.pk),
                    project=project,
                    user_id=previous.user_id,
                )
                formset.deleted_objects.append(previous)


class DocumentUploadForm(forms.ModelForm):
    """Upload form: the file goes through the same import service as the API.

    ``user`` is the acting user, set on the form class by ``DocumentAdmin.get_form``; their
    actor in the chosen project is resolved here, and the service records them as the importer.
    """

    file = forms.FileField(label=_("file (.txt or .md, UTF-8)"))
    user = None

    class Meta:
        model = Document
        fields = ["project"]

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("file")
        project = cleaned.get("project")
        if upload is None or project is None:
            return cleaned
        try:
            self.result = services.document_import(
                actor=actor_for(self.user, project.pk),
                project=project,
                name=upload.name,
                data=upload,
            )
        except WorkbenchError as exc:
            raise forms.ValidationError(exc.message) from None
        return cleaned


@admin.register(Document)
class DocumentAdmin(ProjectScopedAdmin, admin.ModelAdmin):
    list_display = ["title_auto", "project", "source_name", "revision", "language", "imported_at"]
    list_filter = [("project", admin.RelatedOnlyFieldListFilter), LanguageFilter]
    search_fields = ["title", "source_name", "sha256"]
    readonly_fields = [
        "project",
        "title",
        "source_name",
        "revision",
        "previous",
        "sha256",
        "language",
        "normalization",
        "imported_at",
        "imported_by",
        "agreement_link",
        "text_auto",
    ]
    exclude = ["text"]
    actions = ["detect_language"]

    def get_form(self, request: HttpRequest, obj=None, **kwargs):
        if obj is None:
            kwargs["form"] = DocumentUploadForm
            kwargs["fields"] = ["project", "file"]
        form = super().get_form(request, obj, **kwargs)
        if obj is None:
            # get_form builds a new class per request, so the user stays with this request.
            form.user = request.user
        return form

    def get_readonly_fields(self, request: HttpRequest, obj=None):
        return self.readonly_fields if obj is not None else []

    def get_exclude(self, request: HttpRequest, obj=None):
        return self.exclude if obj is not None else []

    def save_model(self, request: HttpRequest, obj: Document, form, change: bool) -> None:
        if change:
            return
        result = form.result
        form.instance = obj = result.document
        obj._state.adding = False
        self.message_user(
            request,
            _("%(name)s: %(status)s.") % {"name": obj.source_name, "status": result.status},
        )

    def change_view(self, request, object_id, form_url="", extra_context=None):
        """A document is read-only once imported: no save buttons on its page."""
        extra = {
            "show_save": False,
            "show_save_and_continue": False,
            "show_save_and_add_another": False,
        }
        return super().change_view(request, object_id, form_url, {**extra, **(extra_context or {})})

    def save_related(self, request, form, formsets, change) -> None:
        """Imports have no related objects to save from the form."""

    @admin.display(description=_("title"), ordering="title")
    def title_auto(self, document: Document) -> str:
        return dir_auto(document.title)

    @admin.display(description=_("agreement"))
    def agreement_link(self, document: Document) -> str:
        url = reverse("admin:annotation_annotation_agreement", args=[document.pk])
        return format_html('<a href="{}">{}</a>', url, _("Inter-annotator agreement"))

    @admin.display(description=_("text"))
    def text_auto(self, document: Document) -> str:
        """The text line by line, each line with its own direction (``dir="auto"``)."""
        lines = format_html_join(
            "",
            '<div dir="auto" style="unicode-bidi: isolate; min-height: 1em">{}</div>',
            ((line,) for line in document.text.split("\n")),
        )
        return format_html(
            '<div style="white-space: pre-wrap; max-height: 40em; overflow: auto">{}</div>', lines
        )

    @admin.action(description=_("Re-run language detection"))
    def detect_language(self, request: HttpRequest, queryset: QuerySet[Document]) -> None:
        changed = sum(
            services.document_detect_language(
                actor=self.actor_for_object(request, doc), document=doc
            )
            for doc in queryset
        )
        self.message_user(
            request,
            _("Language detection re-run; %(n)d segments changed.") % {"n": changed},
            messages.SUCCESS,
        )
