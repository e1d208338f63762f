"""Browser pages. Each view checks access, then calls a selector or a service; no logic here."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from workbench.common.errors import WorkbenchError
from workbench.corpus import selectors as corpus_selectors
from workbench.corpus import services as corpus_services
from workbench.corpus.access import access_document, access_project
from workbench.review import selectors as review_selectors
from workbench.web import selectors
from workbench.web.forms import DocumentFilterForm, UploadForm
from workbench.web.rendering import segment_list_html
from workbench.web.review_views import project_review_context

DOCUMENTS_PER_PAGE = 50
#: The workspace's ES modules, preloaded together so the browser does not discover them one
#: import level at a time.
WORKSPACE_MODULES = [
    f"web/js/{name}.js"
    for name in (
        "workspace", "api", "conflict", "detail", "i18n", "live", "offsets", "reader",
        "render", "schemaform", "selection", "sidebar", "store", "tagging", "translations",
    )
]  # fmt: skip


@login_required
def project_list(request: HttpRequest) -> HttpResponse:
    """The projects the user belongs to: where a logged-in user lands."""
    projects = corpus_selectors.project_list(user=request.user)
    return render(request, "web/project_list.html", {"projects": projects})


@login_required
def project_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A project's documents with search, a language filter and review progress."""
    project, actor = access_project(request.user, pk)
    form = DocumentFilterForm(request.GET, languages=selectors.project_languages(project=project))
    search, language = "", ""
    if form.is_valid():
        search = form.cleaned_data["q"]
        language = form.cleaned_data["language"]
    documents = selectors.document_progress_list(project=project, search=search, language=language)
    page = Paginator(documents, DOCUMENTS_PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "web/project_detail.html",
        {
            "project": project,
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "upload_form": UploadForm(),
            "targets": selectors.project_targets(project=project),
            "permissions": selectors.permissions(actor=actor),
            **project_review_context(request=request, project=project, actor=actor),
        },
    )


@login_required
@require_POST
def document_upload(request: HttpRequest, pk: int) -> HttpResponse:
    """Import an uploaded file into the project through the same service as the API."""
    project, actor = access_project(request.user, pk)
    form = UploadForm(request.POST, request.FILES)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect("web:project", pk=project.pk)
    upload = form.cleaned_data["file"]
    try:
        result = corpus_services.document_import(
            actor=actor, project=project, name=upload.name, data=upload
        )
    except WorkbenchError as exc:
        messages.error(request, exc.message)
        return redirect("web:project", pk=project.pk)
    messages.success(
        request,
        _("%(name)s: %(status)s.") % {"name": result.document.source_name, "status": result.status},
    )
    return redirect("web:document", pk=result.document.pk)


@login_required
def workspace(request: HttpRequest, pk: int) -> HttpResponse:
    """The reader: segments, highlights, translation drafts and the annotation panel."""
    document, actor = access_document(request.user, pk)
    target = selectors.workspace_target(document, request.GET.get("target", ""))
    payload = selectors.workspace_payload(actor=actor, document=document, target=target)
    return render(
        request,
        "web/workspace.html",
        {
            "document": document,
            "project": document.project,
            "segment_list": segment_list_html(document.text, payload["segments"]),
            "payload": payload,
            "modules": WORKSPACE_MODULES,
            "assignment": review_selectors.open_assignment(user=request.user, document=document),
        },
    )
