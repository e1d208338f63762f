"""A JSON Schema (draft 2020-12) of the W3C Web Annotation Data Model's requirements.

Written for these tests from the Recommendation of 23 February 2017
(https://www.w3.org/TR/annotation-model/), sections 3 (annotations, bodies, targets, agents,
motivations), 4.2.4-4.2.5 (text quote and text position selectors) and 5 (collections and
pages). No registry package ships the W3C test suite's own schema files, so each MUST of
those sections that applies to what we write is encoded here instead.
"""

ANNO_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
MOTIVATIONS = [
    "assessing",
    "bookmarking",
    "classifying",
    "commenting",
    "describing",
    "editing",
    "highlighting",
    "identifying",
    "linking",
    "moderating",
    "questioning",
    "replying",
    "tagging",
]
#: xsd:dateTime with a timezone, as section 3.3.1 requires for created and modified.
DATETIME = r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$"
#: An absolute IRI: a scheme, a colon, and no whitespace.
IRI = r"^[A-Za-z][A-Za-z0-9+.-]*:[^\s]+$"


def _one_or_array_containing(value: str) -> dict:
    return {
        "oneOf": [
            {"const": value},
            {"type": "array", "contains": {"const": value}},
        ]
    }


SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$defs": {
        "iri": {"type": "string", "pattern": IRI},
        "context": _one_or_array_containing(ANNO_CONTEXT),
        "datetime": {"type": "string", "pattern": DATETIME},
        "motivation": {"enum": MOTIVATIONS},
        "agent": {
            "type": "object",
            "properties": {
                "id": {"$ref": "#/$defs/iri"},
                "type": {"enum": ["Person", "Organization", "Software"]},
                "name": {"type": "string"},
                "nickname": {"type": "string"},
            },
            "anyOf": [{"required": ["id"]}, {"required": ["name"]}, {"required": ["nickname"]}],
        },
        "textualBody": {
            "type": "object",
            "required": ["type", "value"],
            "properties": {
                "type": {"const": "TextualBody"},
                "value": {"type": "string"},
                "purpose": {"$ref": "#/$defs/motivation"},
                "creator": {"$ref": "#/$defs/agent"},
                "created": {"$ref": "#/$defs/datetime"},
                "language": {"type": "string"},
                "format": {"type": "string"},
            },
        },
        "specificResourceBody": {
            "type": "object",
            "required": ["type", "source"],
            "properties": {
                "type": {"const": "SpecificResource"},
                "source": {"$ref": "#/$defs/iri"},
                "purpose": {"$ref": "#/$defs/motivation"},
            },
        },
        "textQuoteSelector": {
            "type": "object",
            "required": ["type", "exact"],
            "properties": {
                "type": {"const": "TextQuoteSelector"},
                "exact": {"type": "string", "minLength": 1},
                "prefix": {"type": "string"},
                "suffix": {"type": "string"},
            },
        },
        "textPositionSelector": {
            "type": "object",
            "required": ["type", "start", "end"],
            "properties": {
                "type": {"const": "TextPositionSelector"},
                "start": {"type": "integer", "minimum": 0},
                "end": {"type": "integer", "minimum": 0},
            },
        },
        "target": {
            "type": "object",
            "required": ["source"],
            "properties": {
                "source": {"$ref": "#/$defs/iri"},
                "selector": {
                    "type": "array",
                    "minItems": 1,
                    "items": {
                        "oneOf": [
                            {"$ref": "#/$defs/textQuoteSelector"},
                            {"$ref": "#/$defs/textPositionSelector"},
                        ]
                    },
                },
            },
        },
        "annotation": {
            "type": "object",
            "required": ["@context", "id", "type", "target"],
            "not": {"required": ["body", "bodyValue"]},
            "properties": {
                "@context": {"$ref": "#/$defs/context"},
                "id": {"$ref": "#/$defs/iri"},
                "type": _one_or_array_containing("Annotation"),
                "motivation": {"$ref": "#/$defs/motivation"},
                "created": {"$ref": "#/$defs/datetime"},
                "modified": {"$ref": "#/$defs/datetime"},
                "creator": {"$ref": "#/$defs/agent"},
                "body": {
                    "type": "array",
                    "minItems": 1,
                    "items": {
                        "oneOf": [
                            {"$ref": "#/$defs/textualBody"},
                            {"$ref": "#/$defs/specificResourceBody"},
                        ]
                    },
                },
                "target": {"$ref": "#/$defs/target"},
            },
        },
    },
    "type": "object",
    "required": ["@context", "id", "type", "first"],
    "properties": {
        "@context": {"$ref": "#/$defs/context"},
        "id": {"$ref": "#/$defs/iri"},
        "type": _one_or_array_containing("AnnotationCollection"),
        "label": {"type": "string"},
        "total": {"type": "integer", "minimum": 0},
        "first": {
            "type": "object",
            "required": ["id", "type", "items"],
            "properties": {
                "id": {"$ref": "#/$defs/iri"},
                "type": _one_or_array_containing("AnnotationPage"),
                "startIndex": {"type": "integer", "minimum": 0},
                "items": {"type": "array", "items": {"$ref": "#/$defs/annotation"}},
            },
        },
    },
}
