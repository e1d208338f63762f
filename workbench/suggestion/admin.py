"""Admin for suggestions: each project's training runs with their scores (and an action to
train again), and the decisions people took on suggestions; both read-only."""

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from workbench.corpus.admin import dir_auto
from workbench.corpus.admin_scope import ProjectScopedAdmin

from . import services
from .evaluation import mean_f1
from .models import SuggestionDecision, TrainingRun


def _f1(run: TrainingRun, label: str, kind: str) -> str:
    figures = (run.evaluation or {}).get(label, {}).get(kind)
    return f"{figures['f1']:.2f}" if figures else "–"


@admin.register(TrainingRun)
class TrainingRunAdmin(ProjectScopedAdmin, admin.ModelAdmin):
    project_path = "project"
    list_display = [
        "id",
        "project",
        "recommender",
        "status",
        "outcome",
        "model_version",
        "training_size",
        "held_out_size",
        "seconds",
        "claim_f1",
        "source_f1",
        "overlap_f1",
        "created_at",
    ]
    list_filter = ["project", "recommender", "status", "outcome", "automatic"]
    readonly_fields = [f.name for f in TrainingRun._meta.fields]
    actions = ["train_again"]

    @admin.display(description=_("claim F1 (exact / overlap)"))
    def claim_f1(self, obj: TrainingRun) -> str:
        return f"{_f1(obj, 'claim', 'exact')} / {_f1(obj, 'claim', 'overlap')}"

    @admin.display(description=_("source F1 (exact / overlap)"))
    def source_f1(self, obj: TrainingRun) -> str:
        return f"{_f1(obj, 'source', 'exact')} / {_f1(obj, 'source', 'overlap')}"

    @admin.display(description=_("mean overlap F1"))
    def overlap_f1(self, obj: TrainingRun) -> str:
        return f"{mean_f1(obj.evaluation):.2f}" if obj.evaluation else "–"

    def has_add_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    @admin.action(description=_("Train the selected runs' projects again"))
    def train_again(self, request: HttpRequest, queryset: QuerySet) -> None:
        projects = {run.project_id: run.project for run in queryset.select_related("project")}
        self.bulk_apply(
            request,
            projects.values(),
            lambda project: services.training_run_create(
                actor=self.actor(request, project.pk), project=project
            ),
            _("%(n)d projects queued for training."),
        )


@admin.register(SuggestionDecision)
class SuggestionDecisionAdmin(ProjectScopedAdmin, admin.ModelAdmin):
    project_path = "document__project"
    list_display = [
        "id",
        "document",
        "label_type",
        "shown_quote",
        "decision",
        "recommenders",
        "score",
        "decided_by",
        "decided_at",
    ]
    list_filter = ["decision", "label_type"]
    list_select_related = ["document", "label_type", "decided_by"]
    readonly_fields = [f.name for f in SuggestionDecision._meta.fields]

    @admin.display(description=_("quote"))
    def shown_quote(self, obj: SuggestionDecision) -> str:
        return dir_auto(obj.quote, 80)

    def has_add_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False
