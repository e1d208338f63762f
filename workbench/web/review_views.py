"""Browser pages and form posts of the review loop: the review queue, "My work", adjudication,
assignments, workloads, "Next document" and "finished". Each checks access, then calls a
selector or a service; errors come back as messages on the page the form was on."""

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from workbench.annotation.selectors import label_type_list
from workbench.common.actor import Actor
from workbench.common.errors import WorkbenchError
from workbench.corpus.access import access_document, access_object, access_project
from workbench.corpus.models import Role
from workbench.review import selectors, services
from workbench.review.models import Assignment
from workbench.web.selectors import permissions

#: The review pages' ES modules, preloaded together.
REVIEW_MODULES = [
    f"web/js/{name}.js" for name in ("review", "api", "conflict", "i18n", "render", "offsets")
]
ADJUDICATION_MODULES = [
    f"web/js/{name}.js" for name in ("adjudicate", "api", "conflict", "i18n", "render", "offsets")
]


def _back(request: HttpRequest, fallback: str) -> HttpResponse:
    """Back to the page the form was posted from when it is one of ours, else ``fallback``."""
    target = request.POST.get("next", "")
    return redirect(target if target.startswith("/") and not target.startswith("//") else fallback)


def _attempt(request: HttpRequest, action: Callable[[], object], done: str) -> bool:
    """Run a service call; report its error as a message. Whether it succeeded."""
    try:
        action()
    except WorkbenchError as exc:
        if exc.code in ("not_found", "forbidden"):
            raise
        messages.error(request, exc.message)
        return False
    messages.success(request, done)
    return True


@login_required
def review_queue(request: HttpRequest, pk: int) -> HttpResponse:
    """The review queue page (reviewers and moderators); its script loads one span at a time."""
    project, _actor = access_project(request.user, pk, role=Role.REVIEWER)
    documents = project.documents.order_by("source_name", "revision").only("pk", "title")
    return render(
        request,
        "web/review_queue.html",
        {
            "project": project,
            "documents": documents,
            "label_types": label_type_list(active_only=True),
            "label_types_json": list(label_type_list().values("id", "name", "colour", "schema")),
            "document_id": request.GET.get("document", ""),
            "label_type_id": request.GET.get("label_type", ""),
            "modules": REVIEW_MODULES,
        },
    )


@login_required
def my_work(request: HttpRequest, pk: int) -> HttpResponse:
    """What others did to the user's annotations since they last marked it seen."""
    project, _actor = access_project(request.user, pk)
    since = selectors.work_seen_at(user=request.user, project=project)
    show_all = request.GET.get("all") == "1"
    items = selectors.my_work(user=request.user, project=project, since=None if show_all else since)
    return render(
        request,
        "web/my_work.html",
        {"project": project, "items": items, "since": since, "show_all": show_all},
    )


@login_required
@require_POST
def my_work_seen(request: HttpRequest, pk: int) -> HttpResponse:
    project, actor = access_project(request.user, pk)
    services.work_mark_seen(actor=actor, project=project)
    return redirect("web:my-work", pk=project.pk)


@login_required
def adjudication(request: HttpRequest, pk: int) -> HttpResponse:
    """The adjudication view of a document (reviewers and moderators); its script draws it."""
    document, _actor = access_document(request.user, pk, role=Role.REVIEWER)
    return render(
        request,
        "web/adjudication.html",
        {
            "document": document,
            "project": document.project,
            "label_types_json": list(label_type_list().values("id", "name", "colour", "schema")),
            "modules": ADJUDICATION_MODULES,
        },
    )


@login_required
@require_POST
def document_assign(request: HttpRequest, pk: int) -> HttpResponse:
    document, actor = access_document(request.user, pk, role=Role.MODERATOR)
    _attempt(
        request,
        lambda: services.assignment_create(
            actor=actor, document=document, user_id=request.POST.get("user", "")
        ),
        _("Assigned."),
    )
    return _back(request, reverse("web:project", args=[document.project_id]))


@login_required
@require_POST
def document_workload(request: HttpRequest, pk: int) -> HttpResponse:
    document, actor = access_document(request.user, pk, role=Role.MODERATOR)
    raw = request.POST.get("annotators_needed", "").strip()
    needed = int(raw) if raw.isdigit() and len(raw) < 4 else raw
    _attempt(
        request,
        lambda: services.workload_set(actor=actor, document=document, annotators_needed=needed),
        _("Annotators needed: saved."),
    )
    return _back(request, reverse("web:project", args=[document.project_id]))


def _assignment(request: HttpRequest, pk: int) -> tuple[Assignment, Actor]:
    queryset = Assignment.objects.select_related("document")
    return access_object(request.user, queryset, pk, project="document.project_id")


@login_required
@require_POST
def assignment_unassign(request: HttpRequest, pk: int) -> HttpResponse:
    assignment, actor = _assignment(request, pk)
    project_id = assignment.document.project_id
    _attempt(
        request,
        lambda: services.assignment_delete(actor=actor, assignment=assignment),
        _("Assignment removed."),
    )
    return _back(request, reverse("web:project", args=[project_id]))


@login_required
@require_POST
def assignment_finish(request: HttpRequest, pk: int) -> HttpResponse:
    assignment, actor = _assignment(request, pk)
    version = request.POST.get("version", "")
    _attempt(
        request,
        lambda: services.assignment_finish(
            actor=actor,
            assignment=assignment,
            version=int(version) if version.isdigit() else None,
        ),
        _("Marked finished."),
    )
    return redirect("web:project", pk=assignment.document.project_id)


@login_required
@require_POST
def next_document(request: HttpRequest, pk: int) -> HttpResponse:
    """Open the user's next assigned, unfinished document."""
    project, actor = access_project(request.user, pk)
    assignment = services.next_document(actor=actor, project=project)
    if assignment is None:
        messages.info(request, _("No document is waiting for you in this project."))
        return redirect("web:project", pk=project.pk)
    return redirect("web:document", pk=assignment.document_id)


def project_review_context(*, request: HttpRequest, project, actor: Actor) -> dict:
    """What the project page shows of the review loop: assignments, members, new work."""
    allowed = permissions(actor=actor)
    assignments: dict[int, list[Assignment]] = {}
    for assignment in selectors.assignment_list(project=project):
        assignments.setdefault(assignment.document_id, []).append(assignment)
    since = selectors.work_seen_at(user=request.user, project=project)
    return {
        "assignments": assignments,
        "members": project.memberships.select_related("user").order_by("user__username")
        if allowed.can_moderate
        else [],
        "new_work": len(selectors.my_work(user=request.user, project=project, since=since)),
        "assignment_activity": selectors.assignment_activity(project=project),
    }
