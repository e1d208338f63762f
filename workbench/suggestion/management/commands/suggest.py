"""``suggest --project NAME [--document ID ...] [--json]``: run every active recommender."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from workbench.common.actor import Actor
from workbench.corpus.models import Document, Project
from workbench.suggestion.api.serializers import suggestion_data
from workbench.suggestion.selectors import document_suggestions

ACTOR = Actor.system("suggest")


def line_id(document_id: int, suggestion_id: str) -> str:
    """A suggestion's id in the command's output, unique across documents."""
    return f"{document_id}/{suggestion_id}"


class Command(BaseCommand):
    help = (
        "Print the open suggestions of a project's documents: with --json one JSON object a "
        "line (document, label, start, end, quote, score, recommender, id, links)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--project", required=True, help="The project, by name.")
        parser.add_argument(
            "--document", type=int, action="append", help="Only this document (by id; repeat)."
        )
        parser.add_argument("--json", action="store_true", help="One JSON object a line.")

    def handle(self, *args: Any, **options: Any) -> None:
        project = Project.objects.filter(name=options["project"]).first()
        if project is None:
            raise CommandError(f"No project named {options['project']!r}.")
        documents = Document.objects.filter(project=project).order_by("pk")
        if options["document"]:
            documents = documents.filter(pk__in=options["document"])
            missing = set(options["document"]) - set(documents.values_list("pk", flat=True))
            if missing:
                raise CommandError(f"No document {min(missing)} in project {project.name!r}.")
        for document in documents:
            for suggestion in document_suggestions(actor=ACTOR, document=document):
                data = suggestion_data(suggestion)
                row = {
                    "document": document.pk,
                    "label": data["label"],
                    "start": data["start"],
                    "end": data["end"],
                    "quote": data["quote"],
                    "score": data["score"],
                    "recommender": data["recommender"],
                    "id": line_id(document.pk, data["id"]),
                    "links": [
                        {"type": link["type"], "target": line_id(document.pk, link["target"])}
                        if "target" in link
                        else {"type": link["type"], "annotation": link["annotation"]}
                        for link in data["links"]
                    ],
                }
                if options["json"]:
                    self.stdout.write(json.dumps(row, ensure_ascii=False))
                else:
                    self.stdout.write(
                        f"{row['id']}\t{row['label']}\t{row['score']:.2f}\t"
                        f"{row['recommender']}\t{row['quote']}"
                    )
