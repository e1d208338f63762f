"""Projects, their members, documents and segments; importing and segmenting text."""
