"""``load_fixtures [FILE ...]``: add the rows of ``fixtures/*.json`` that are missing.

Unlike ``loaddata``, rows that exist already are left alone, so edits made in the admin
(to a label type, say) survive every run of ``make run``.
"""

from pathlib import Path

from django.conf import settings
from django.core import serializers
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction


class Command(BaseCommand):
    requires_system_checks: list[str] = []
    help = "Add the objects of fixture files whose primary keys are not in the database yet."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("files", nargs="*", type=Path)

    def handle(self, *args, files: list[Path], **options) -> None:
        files = files or sorted((Path(settings.BASE_DIR) / "fixtures").glob("*.json"))
        for path in files:
            if not path.is_file():
                raise CommandError(f"{path}: no such fixture file")
            added = kept = 0
            with transaction.atomic(), path.open(encoding="utf-8") as handle:
                for item in serializers.deserialize("json", handle):
                    model = type(item.object)
                    if model._default_manager.filter(pk=item.object.pk).exists():
                        kept += 1
                        continue
                    item.save()
                    added += 1
            self.stdout.write(f"{path.name}: {added} added, {kept} already present (kept as is)")
