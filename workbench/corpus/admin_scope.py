"""Admin mixin that scopes every model to the projects the staff user moderates.

Superusers see everything. A staff member who moderates projects sees and edits only the
objects of those projects, whatever their Django model permissions say; other staff see nothing.
"""

from collections.abc import Callable, Iterable

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Model, QuerySet
from django.http import Http404, HttpRequest

from workbench.common.actor import Actor
from workbench.common.errors import WorkbenchError
from workbench.common.signals import HardDeletion, hard_deleted
from workbench.corpus.access import actor_for, moderated_projects
from workbench.corpus.models import Project


class ProjectScopedAdmin:
    """Mixin for ``ModelAdmin``: ``project_path`` is the lookup from the model to its project."""

    project_path = "project"

    def _moderated(self, request: HttpRequest) -> QuerySet:
        cache_name = "_workbench_moderated_ids"
        if not hasattr(request, cache_name):
            setattr(
                request,
                cache_name,
                set(moderated_projects(request.user).values_list("pk", flat=True)),
            )
        return getattr(request, cache_name)

    def actor(self, request: HttpRequest, project_id: int) -> Actor:
        """The requesting user's actor in a project, resolved once per request and project."""
        cache = request.__dict__.setdefault("_workbench_actors", {})
        if project_id not in cache:
            cache[project_id] = actor_for(request.user, project_id)
        return cache[project_id]

    def actor_for_object(self, request: HttpRequest, obj: Model) -> Actor:
        """The requesting user's actor in ``obj``'s project."""
        return self.actor(request, self._project_id(obj))

    def _project_id(self, obj) -> int | None:
        value = obj
        for part in self.project_path.split("__"):
            value = getattr(value, part)
        return getattr(value, "pk", value)

    def formfield_for_foreignkey(self, db_field, request: HttpRequest, **kwargs):
        """Offer only the projects the user moderates in project choices."""
        if db_field.related_model is Project and not request.user.is_superuser:
            kwargs["queryset"] = Project.objects.filter(pk__in=self._moderated(request))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        return queryset.filter(**{f"{self.project_path}__in": self._moderated(request)})

    def _allowed(self, request: HttpRequest, obj=None) -> bool:
        if not request.user.is_active or not request.user.is_staff:
            return False
        if request.user.is_superuser:
            return True
        moderated = self._moderated(request)
        return bool(moderated) if obj is None else self._project_id(obj) in moderated

    def bulk_apply(
        self,
        request: HttpRequest,
        objects: Iterable[Model],
        apply: Callable[[Model], object],
        done: str,
    ) -> None:
        """Run a service on each object for an admin action; report successes and each refusal.

        ``done`` is a message with ``%(n)d`` for the number of objects that succeeded.
        """
        succeeded = 0
        for obj in objects:
            try:
                apply(obj)
            except (WorkbenchError, PermissionDenied, Http404) as exc:
                message = getattr(exc, "message", None) or str(exc)
                self.message_user(request, f"#{obj.pk}: {message}", messages.WARNING)
            else:
                succeeded += 1
        self.message_user(request, done % {"n": succeeded}, messages.SUCCESS)

    def has_module_permission(self, request: HttpRequest) -> bool:
        return self._allowed(request)

    def has_view_permission(self, request: HttpRequest, obj=None) -> bool:
        return self._allowed(request, obj)

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return self._allowed(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        """Hard deletes (documents with their annotations, translations, jobs) are for
        superusers only; moderators soft-delete through the services where a kind allows it."""
        return request.user.is_superuser and self._allowed(request, obj)

    def delete_model(self, request: HttpRequest, obj: Model) -> None:
        self._delete_for_good(request, [obj])

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet) -> None:
        self._delete_for_good(request, list(queryset))

    def _delete_for_good(self, request: HttpRequest, objects: list[Model]) -> None:
        """Hard-delete ``objects`` and, in the same transaction, tell the audit trail who
        deleted what and how many rows went with each (``common.signals.hard_deleted``)."""
        deletions = []
        with transaction.atomic():
            for obj in objects:
                project_id, pk, name = self._project_id(obj), obj.pk, str(obj)[:200]
                _total, removed = obj.delete()
                deletions.append(
                    HardDeletion(
                        model=obj._meta.label,
                        pk=pk,
                        project_id=project_id,
                        name=name,
                        removed={label: n for label, n in removed.items() if n},
                    )
                )
            hard_deleted.send(sender=type(self), user=request.user, deletions=deletions)

    def has_add_permission(self, request: HttpRequest, obj=None) -> bool:
        return self._allowed(request)
