"""Export and import: JSONL, CSV, W3C Web Annotation, TMX and XLIFF, and the JSONL round trip."""
