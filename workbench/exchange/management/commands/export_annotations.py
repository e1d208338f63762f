"""``export_annotations --format jsonl|csv|webannotation --output FILE|-``: stream annotations."""

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from workbench.common.actor import Actor
from workbench.common.errors import WorkbenchError
from workbench.exchange import selectors
from workbench.exchange.exporters import ANNOTATION_EXPORTERS, annotation_exporter
from workbench.exchange.management.options import (
    add_scope_arguments,
    document_ids,
    project_ids,
    write_stream,
)
from workbench.exchange.query import (
    AnnotationQuery,
    ExportOptions,
    annotation_statuses,
    split_values,
)


class Command(BaseCommand):
    requires_system_checks: list[str] = []
    help = (
        "Export annotations (accepted ones unless --status says otherwise) as JSONL, CSV or "
        "W3C Web Annotation JSON-LD."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--format", required=True, choices=list(ANNOTATION_EXPORTERS))
        add_scope_arguments(parser)
        parser.add_argument(
            "--label-type", action="append", default=[], help="label type name (repeatable)"
        )
        parser.add_argument(
            "--language",
            action="append",
            default=[],
            help="only annotations touching a segment in this language (repeatable)",
        )
        parser.add_argument("--comments", action="store_true", help="include comment threads")
        parser.add_argument(
            "--bom", action="store_true", help="CSV for Excel: byte order mark, formulas quoted"
        )
        parser.add_argument(
            "--base-url",
            default="urn:workbench:",
            help="base of W3C annotation and document ids, e.g. https://wb.example.org/api/v1/",
        )

    def handle(self, *args, **options) -> None:
        try:
            exporter_class = annotation_exporter(options["format"])
            query = AnnotationQuery(
                projects=project_ids(options["project"]),
                documents=document_ids(options["document"]),
                label_types=split_values(options["label_type"]),
                languages=split_values(options["language"]),
                statuses=annotation_statuses(options["status"]),
                comments=options["comments"],
            )
            source = selectors.annotation_export_source(
                reader=Actor.system("export_annotations"), query=query
            )
        except WorkbenchError as exc:
            raise CommandError(exc.message) from None
        exporter = exporter_class(ExportOptions(bom=options["bom"], base_url=options["base_url"]))
        written = write_stream(exporter.stream(source), options["output"], self.stdout)
        if options["output"] != "-":
            self.stderr.write(
                _("Wrote %(n)d bytes to %(path)s.") % {"n": written, "path": options["output"]}
            )
