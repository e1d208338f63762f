"""Commands: detect_language."""
