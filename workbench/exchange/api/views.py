"""Export endpoints: streamed files of annotations and translations, throttled per user.

``format=`` names the export format here (not a DRF renderer), so these views answer their
errors as JSON whatever it says. Each view reads its parameters, gets an export source from
the selectors (which checks access: outsiders' ids are 404) and streams the exporter's output.
"""

from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.negotiation import BaseContentNegotiation
from rest_framework.renderers import BaseRenderer, JSONRenderer
from rest_framework.request import Request
from rest_framework.views import APIView

from workbench.exchange import selectors
from workbench.exchange.api.throttling import ExportRateThrottle
from workbench.exchange.exporters import (
    ANNOTATION_EXPORTERS,
    TRANSLATION_EXPORTERS,
    annotation_exporter,
    translation_exporter,
)
from workbench.exchange.query import (
    AnnotationQuery,
    ExportOptions,
    TranslationQuery,
    annotation_statuses,
    parse_bool,
    parse_ids,
    split_values,
    translation_statuses,
)
from workbench.exchange.streaming import export_filename, streaming_response


class JsonErrorsNegotiation(BaseContentNegotiation):
    """Always JSON: ``format=`` selects the export format, and errors are JSON."""

    def select_renderer(
        self, request: Request, renderers: list[BaseRenderer], format_suffix: str | None = None
    ) -> tuple[BaseRenderer, str]:
        return JSONRenderer(), JSONRenderer.media_type

    def select_parser(self, request: Request, parsers: list) -> None:
        return None


def _ids(request: Request, name: str) -> tuple[int, ...]:
    return parse_ids(request.query_params.getlist(name), field=name)


def _list(request: Request, name: str) -> tuple[str, ...]:
    return split_values(request.query_params.getlist(name))


def _scope_label(request: Request) -> str:
    projects = split_values(request.query_params.getlist("project"))
    return f"project-{'-'.join(projects)}" if projects else ""


COMMON_PARAMETERS = [
    OpenApiParameter(
        "project",
        OpenApiTypes.INT,
        many=True,
        description="Project ids (repeat or comma-separate).",
    ),
    OpenApiParameter("document", OpenApiTypes.INT, many=True, description="Document ids."),
]


class ExportView(APIView):
    """Shared settings of the export endpoints."""

    throttle_classes = [ExportRateThrottle]
    throttle_scope = "export"
    content_negotiation_class = JsonErrorsNegotiation

    def api_base(self, request: Request) -> str:
        """The absolute URL of ``/api/v1/``, the base of W3C annotation ids."""
        return request.build_absolute_uri(reverse("api-schema").removesuffix("schema/"))


class AnnotationExportView(ExportView):
    """Stream annotations as JSONL, CSV or W3C Web Annotation (JSON-LD)."""

    @extend_schema(
        operation_id="export_annotations",
        parameters=[
            OpenApiParameter(
                "format", OpenApiTypes.STR, enum=list(ANNOTATION_EXPORTERS), required=True
            ),
            *COMMON_PARAMETERS,
            OpenApiParameter(
                "label_type", OpenApiTypes.STR, many=True, description="Label type names or ids."
            ),
            OpenApiParameter(
                "language",
                OpenApiTypes.STR,
                many=True,
                description="Only annotations touching a segment in one of these languages.",
            ),
            OpenApiParameter(
                "status",
                OpenApiTypes.STR,
                description="Comma-separated pending, accepted, rejected, or all "
                "(default: accepted).",
            ),
            OpenApiParameter("comments", OpenApiTypes.BOOL, description="Include comments."),
            OpenApiParameter(
                "bom", OpenApiTypes.BOOL, description="CSV for Excel: byte order mark."
            ),
        ],
        responses={
            (200, "application/x-ndjson"): OpenApiTypes.BINARY,
            (200, "text/csv"): OpenApiTypes.BINARY,
            (200, "application/ld+json"): OpenApiTypes.OBJECT,
            400: OpenApiResponse(description="Unknown format, status, label type or id."),
            404: OpenApiResponse(description="A project or document outside your projects."),
            429: OpenApiResponse(description="Too many exports; retry after Retry-After."),
        },
    )
    def get(self, request: Request):
        exporter_class = annotation_exporter(request.query_params.get("format"))
        query = AnnotationQuery(
            projects=_ids(request, "project"),
            documents=_ids(request, "document"),
            label_types=_list(request, "label_type"),
            languages=_list(request, "language"),
            statuses=annotation_statuses(request.query_params.getlist("status")),
            comments=parse_bool(request.query_params.get("comments")),
        )
        source = selectors.annotation_export_source(user=request.user, query=query)
        exporter = exporter_class(
            ExportOptions(
                bom=parse_bool(request.query_params.get("bom")),
                base_url=self.api_base(request),
            )
        )
        filename = export_filename(exporter, "annotations", _scope_label(request))
        return streaming_response(exporter, exporter.stream(source), filename)


class TranslationExportView(ExportView):
    """Stream translations of one target language as TMX 1.4 or XLIFF 1.2."""

    @extend_schema(
        operation_id="export_translations",
        parameters=[
            OpenApiParameter(
                "format", OpenApiTypes.STR, enum=list(TRANSLATION_EXPORTERS), required=True
            ),
            OpenApiParameter(
                "target", OpenApiTypes.STR, required=True, description="Target language code."
            ),
            *COMMON_PARAMETERS,
            OpenApiParameter(
                "source", OpenApiTypes.STR, many=True, description="Source language codes."
            ),
            OpenApiParameter(
                "status",
                OpenApiTypes.STR,
                description="Comma-separated draft, edited, approved, rejected, or all "
                "(default: approved).",
            ),
        ],
        responses={
            (200, "application/x-tmx+xml"): OpenApiTypes.BINARY,
            (200, "application/xliff+xml"): OpenApiTypes.BINARY,
            400: OpenApiResponse(description="Unknown format or status, or no target."),
            404: OpenApiResponse(description="A project or document outside your projects."),
            429: OpenApiResponse(description="Too many exports; retry after Retry-After."),
        },
    )
    def get(self, request: Request):
        exporter_class = translation_exporter(request.query_params.get("format"))
        query = TranslationQuery(
            target=(request.query_params.get("target") or "").strip(),
            projects=_ids(request, "project"),
            documents=_ids(request, "document"),
            sources=_list(request, "source"),
            statuses=translation_statuses(request.query_params.getlist("status")),
        )
        source = selectors.translation_export_source(user=request.user, query=query)
        exporter = exporter_class(ExportOptions())
        label = f"{_scope_label(request)}-{query.target}".strip("-")
        filename = export_filename(exporter, "translations", label)
        return streaming_response(exporter, exporter.stream(source), filename)
