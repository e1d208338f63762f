"""Admin actions that download the accepted annotations of the selected documents.

They go through the same selectors and exporters as the API, as the admin user, so a staff
moderator exports only from the projects they belong to. A selection with no document the
user may export (none selected, or only others') exports nothing and says so, and the
actions count against the same per-user export rate as the API (429 past it).
"""

from collections.abc import Callable

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from workbench.corpus.models import Document
from workbench.exchange import selectors
from workbench.exchange.api.throttling import AdminExportRateThrottle
from workbench.exchange.exporters import annotation_exporter
from workbench.exchange.query import AnnotationQuery, ExportOptions
from workbench.exchange.streaming import export_filename, streaming_response

Action = Callable[
    [admin.ModelAdmin, HttpRequest, QuerySet[Document]], StreamingHttpResponse | HttpResponse | None
]


def _throttled(request: HttpRequest) -> HttpResponse | None:
    """A 429 once the user is past the export rate the API uses, else ``None``."""
    throttle = AdminExportRateThrottle()
    if throttle.allow_request(request, None):
        return None
    wait = max(1, int(throttle.wait() or 1))
    response = HttpResponse(
        gettext("Too many exports; try again in %(n)d seconds.") % {"n": wait},
        status=429,
        content_type="text/plain; charset=utf-8",
    )
    response["Retry-After"] = str(wait)
    return response


def _export_action(format_name: str, description: str) -> Action:
    def action(
        modeladmin: admin.ModelAdmin, request: HttpRequest, queryset: QuerySet[Document]
    ) -> StreamingHttpResponse | HttpResponse | None:
        documents = tuple(queryset.values_list("pk", flat=True))
        if not documents:
            modeladmin.message_user(
                request,
                gettext("No document you may export is selected; nothing was exported."),
                messages.WARNING,
            )
            return None
        if (refused := _throttled(request)) is not None:
            return refused
        exporter_class = annotation_exporter(format_name)
        query = AnnotationQuery(documents=documents)
        source = selectors.annotation_export_source(reader=request.user, query=query)
        api_base = request.build_absolute_uri(reverse("api-schema").removesuffix("schema/"))
        exporter = exporter_class(ExportOptions(base_url=api_base))
        filename = export_filename(exporter, "annotations", "documents")
        return streaming_response(exporter, exporter.stream(source), filename)

    action.__name__ = f"export_annotations_{format_name}"
    return admin.action(description=description)(action)


export_annotations_jsonl = _export_action(
    "jsonl", _("Export accepted annotations as JSONL (one document per line)")
)
export_annotations_csv = _export_action("csv", _("Export accepted annotations as CSV"))
export_annotations_webannotation = _export_action(
    "webannotation", _("Export accepted annotations as W3C Web Annotation (JSON-LD)")
)
