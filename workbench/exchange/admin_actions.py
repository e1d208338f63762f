"""Admin actions that download the accepted annotations of the selected documents.

They go through the same selectors and exporters as the API, as the admin user, so a staff
moderator exports only from the projects they belong to.
"""

from collections.abc import Callable

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest, StreamingHttpResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from workbench.corpus.models import Document
from workbench.exchange import selectors
from workbench.exchange.exporters import annotation_exporter
from workbench.exchange.query import AnnotationQuery, ExportOptions
from workbench.exchange.streaming import export_filename, streaming_response

Action = Callable[[admin.ModelAdmin, HttpRequest, QuerySet[Document]], StreamingHttpResponse]


def _export_action(format_name: str, description: str) -> Action:
    def action(
        modeladmin: admin.ModelAdmin, request: HttpRequest, queryset: QuerySet[Document]
    ) -> StreamingHttpResponse:
        exporter_class = annotation_exporter(format_name)
        query = AnnotationQuery(documents=tuple(queryset.values_list("pk", flat=True)))
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
