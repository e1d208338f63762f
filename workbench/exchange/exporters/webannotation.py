"""W3C Web Annotation (JSON-LD): an ``AnnotationCollection`` whose first page holds every item.

Each annotation targets its document with a ``TextQuoteSelector`` (exact, prefix, suffix) and a
``TextPositionSelector`` (code points), so a consumer can re-anchor it by its quote when
offsets disagree. Its ``motivation`` comes from the label type, its bodies from the label
(``tagging``), the attributes (``describing``, plus the exact JSON under ``wb:attributes``),
the review (``moderating``), the outgoing links (``linking``) and, when asked, the comments
(``commenting``).
"""

import json
from collections import defaultdict
from collections.abc import Iterator
from typing import Any

from workbench.exchange.exporters.base import AnnotationExporter
from workbench.exchange.selectors import AnnotationExportSource

ANNO_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
VOCAB = "urn:workbench:vocab#"
CONTEXT: list[Any] = [
    ANNO_CONTEXT,
    {
        "wb": VOCAB,
        "wb:attributes": {"@type": "@json"},
    },
]
#: The W3C motivation of each label type; other types are ``classifying``.
MOTIVATIONS = {"claim": "assessing", "stance": "classifying", "source": "identifying"}
DEFAULT_MOTIVATION = "classifying"
#: Code points of context kept in ``prefix`` and ``suffix``.
CONTEXT_LENGTH = 32


class WebAnnotationExporter(AnnotationExporter):
    """One JSON-LD document: ``AnnotationCollection`` → ``AnnotationPage`` → annotations."""

    name = "webannotation"
    extension = "jsonld"
    content_type = 'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"'

    def iri(self, kind: str, pk: object) -> str:
        """The IRI of an object: an API URL under an http(s) base, else ``urn:workbench:…``."""
        base = self.options.base_url
        if base.startswith(("http://", "https://")):
            return f"{base.rstrip('/')}/{kind}s/{pk}/"
        return f"{base}{kind}:{pk}"

    def collection_iri(self) -> str:
        base = self.options.base_url
        if base.startswith(("http://", "https://")):
            return f"{base.rstrip('/')}/export/annotations/"
        return f"{base}export:annotations"

    def stream(self, source: AnnotationExportSource) -> Iterator[str]:
        collection_id = self.collection_iri()
        collection = {
            "@context": CONTEXT,
            "id": collection_id,
            "type": "AnnotationCollection",
            "label": "Workbench annotations",
            "total": source.count(),
        }
        page = {"id": f"{collection_id}#page-1", "type": "AnnotationPage", "startIndex": 0}
        opening = json.dumps(collection, ensure_ascii=False)[:-1]
        opening += ', "first": ' + json.dumps(page, ensure_ascii=False)[:-1] + ', "items": ['
        yield opening
        separator = ""
        for document in source.documents(with_text=True):
            for item in self.items(document):
                yield separator + json.dumps(item, ensure_ascii=False)
                separator = ", "
        yield "]}}\n"

    def items(self, document: dict[str, Any]) -> Iterator[dict[str, Any]]:
        """The Web Annotations of one document record."""
        text = document["text"]
        target_source = self.iri("document", document["id"])
        outgoing: dict[int, list[dict[str, Any]]] = defaultdict(list)
        for link in document["links"]:
            outgoing[link["source"]].append(link)
        for annotation in document["annotations"]:
            start, end = annotation["start"], annotation["end"]
            quote_selector = {"type": "TextQuoteSelector", "exact": annotation["quote"]}
            if prefix := text[max(0, start - CONTEXT_LENGTH) : start]:
                quote_selector["prefix"] = prefix
            if suffix := text[end : end + CONTEXT_LENGTH]:
                quote_selector["suffix"] = suffix
            item: dict[str, Any] = {
                "@context": CONTEXT,
                "id": self.iri("annotation", annotation["id"]),
                "type": "Annotation",
                "motivation": MOTIVATIONS.get(annotation["label"], DEFAULT_MOTIVATION),
                "created": annotation["created_at"],
                "body": self.bodies(annotation, outgoing.get(annotation["id"], [])),
                "target": {
                    "source": target_source,
                    "selector": [
                        quote_selector,
                        {"type": "TextPositionSelector", "start": start, "end": end},
                    ],
                },
            }
            if annotation["author"]:
                item["creator"] = person(annotation["author"])
            yield item

    def bodies(
        self, annotation: dict[str, Any], links: list[dict[str, Any]]
    ) -> list[dict[str, Any]]:
        """Label, attributes, review, links and comments as Web Annotation bodies."""
        attributes = annotation["attributes"] or {}
        bodies: list[dict[str, Any]] = [
            {"type": "TextualBody", "purpose": "tagging", "value": annotation["label"]}
        ]
        for key in sorted(attributes):
            value = attributes[key]
            shown = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
            bodies.append(
                {"type": "TextualBody", "purpose": "describing", "value": f"{key}: {shown}"}
            )
        if attributes:
            bodies[0]["wb:attributes"] = attributes
        review: dict[str, Any] = {
            "type": "TextualBody",
            "purpose": "moderating",
            "value": annotation["status"],
        }
        if annotation["review_reason"]:
            review["value"] = f"{annotation['status']}: {annotation['review_reason']}"
        if annotation["reviewed_by"]:
            review["creator"] = person(annotation["reviewed_by"])
        if annotation["reviewed_at"]:
            review["created"] = annotation["reviewed_at"]
        bodies.append(review)
        for link in links:
            bodies.append(
                {
                    "type": "SpecificResource",
                    "source": self.iri("annotation", link["target"]),
                    "purpose": "linking",
                    "wb:linkType": link["type"],
                }
            )
        for comment in annotation.get("comments", []):
            body: dict[str, Any] = {
                "type": "TextualBody",
                "purpose": "commenting",
                "value": comment["body"],
                "created": comment["created_at"],
            }
            if comment["author"]:
                body["creator"] = person(comment["author"])
            bodies.append(body)
        return bodies


def person(username: str) -> dict[str, str]:
    """A Web Annotation agent for a workbench user."""
    return {"type": "Person", "nickname": username}
