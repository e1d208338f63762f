"""``export_translations --format tmx|xliff --target LANG --output FILE|-``: stream translations."""

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from workbench.common.actor import Actor
from workbench.common.errors import WorkbenchError
from workbench.exchange import selectors
from workbench.exchange.exporters import TRANSLATION_EXPORTERS, translation_exporter
from workbench.exchange.exporters.xmlsafe import CHANGED_HEADER
from workbench.exchange.management.options import (
    add_scope_arguments,
    document_ids,
    project_ids,
    write_stream,
)
from workbench.exchange.query import TranslationQuery, split_values, translation_statuses


class Command(BaseCommand):
    requires_system_checks: list[str] = []
    help = (
        "Export translations into one target language (approved ones unless --status says "
        "otherwise) as TMX 1.4 or XLIFF 1.2."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--format", required=True, choices=list(TRANSLATION_EXPORTERS))
        parser.add_argument("--target", required=True, help="target language code, e.g. en")
        parser.add_argument(
            "--source", action="append", default=[], help="source language code (repeatable)"
        )
        add_scope_arguments(parser)

    def handle(self, *args, **options) -> None:
        try:
            exporter_class = translation_exporter(options["format"])
            query = TranslationQuery(
                target=options["target"].strip(),
                projects=project_ids(options["project"]),
                documents=document_ids(options["document"]),
                sources=split_values(options["source"]),
                statuses=translation_statuses(options["status"]),
            )
            source = selectors.translation_export_source(
                reader=Actor.system("export_translations"), query=query
            )
        except WorkbenchError as exc:
            raise CommandError(exc.message) from None
        exporter = exporter_class()
        changed = exporter.headers(source).get(CHANGED_HEADER, "0")
        if changed != "0":
            self.stderr.write(
                _(
                    "%(n)s translations held control characters that XML cannot carry; they "
                    "were removed, and each unit says so in a note."
                )
                % {"n": changed}
            )
        written = write_stream(exporter.stream(source), options["output"], self.stdout)
        if options["output"] != "-":
            self.stderr.write(
                _("Wrote %(n)d bytes to %(path)s.") % {"n": written, "path": options["output"]}
            )
