"""Export endpoints: streamed files of annotations and translations, throttled per user.

``format=`` names the export format here (not a DRF renderer), so these views answer their
errors as JSON whatever it says. Each view parses its parameters with its serializer (which
also documents them in the schema), gets an export source from the selectors (which checks
access: outsiders' ids are 404) and streams the exporter's output.
"""

from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.negotiation import BaseContentNegotiation
from rest_framework.renderers import BaseRenderer, JSONRenderer
from rest_framework.request import Request
from rest_framework.views import APIView

from workbench.exchange import selectors
from workbench.exchange.api.serializers import (
    AnnotationExportQuerySerializer,
    TranslationExportQuerySerializer,
)
from workbench.exchange.api.throttling import ExportRateThrottle
from workbench.exchange.query import ExportOptions
from workbench.exchange.streaming import export_filename, streaming_response


class JsonErrorsNegotiation(BaseContentNegotiation):
    """Always JSON: ``format=`` selects the export format, and errors are JSON."""

    def select_renderer(
        self, request: Request, renderers: list[BaseRenderer], format_suffix: str | None = None
    ) -> tuple[BaseRenderer, str]:
        return JSONRenderer(), JSONRenderer.media_type

    def select_parser(self, request: Request, parsers: list) -> None:
        return None


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
        parameters=[AnnotationExportQuerySerializer],
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
        params = AnnotationExportQuerySerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        source = selectors.annotation_export_source(reader=request.user, query=params.query())
        exporter = params.validated_data["format"](params.options(self.api_base(request)))
        filename = export_filename(exporter, "annotations", params.scope_label())
        return streaming_response(exporter, exporter.stream(source), filename)


class TranslationExportView(ExportView):
    """Stream translations of one target language as TMX 1.4 or XLIFF 1.2."""

    @extend_schema(
        operation_id="export_translations",
        parameters=[TranslationExportQuerySerializer],
        responses={
            (200, "application/x-tmx+xml"): OpenApiTypes.BINARY,
            (200, "application/xliff+xml"): OpenApiTypes.BINARY,
            400: OpenApiResponse(description="Unknown format or status, or no target."),
            404: OpenApiResponse(description="A project or document outside your projects."),
            429: OpenApiResponse(description="Too many exports; retry after Retry-After."),
        },
    )
    def get(self, request: Request):
        params = TranslationExportQuerySerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        query = params.query()
        source = selectors.translation_export_source(reader=request.user, query=query)
        exporter = params.validated_data["format"](ExportOptions())
        label = f"{params.scope_label()}-{query.target}".strip("-")
        filename = export_filename(exporter, "translations", label)
        headers = exporter.headers(source)
        return streaming_response(exporter, exporter.stream(source), filename, headers)
