"""What every door does with an exporter: name the file and stream it."""

from collections.abc import Iterator

from django.http import StreamingHttpResponse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.text import slugify

from workbench.exchange.exporters.base import Exporter


def export_filename(exporter: Exporter, kind: str, label: str = "") -> str:
    """``workbench-<kind>[-<label>]-<UTC date and time>.<extension>``."""
    stamp = timezone.now().strftime("%Y%m%d-%H%M%S")
    parts = ["workbench", kind, slugify(label) if label else "", stamp]
    return "-".join(part for part in parts if part) + f".{exporter.extension}"


def streaming_response(
    exporter: Exporter,
    chunks: Iterator[str],
    filename: str,
    headers: dict[str, str] | None = None,
) -> StreamingHttpResponse:
    """A streamed download with the exporter's content type and an attachment disposition,
    and any ``headers`` the exporter adds about what it exports."""
    response = StreamingHttpResponse(chunks, content_type=exporter.content_type)
    for name, value in (headers or {}).items():
        response[name] = value
    response["Content-Disposition"] = content_disposition_header(True, filename)
    response["X-Content-Type-Options"] = "nosniff"
    return response
