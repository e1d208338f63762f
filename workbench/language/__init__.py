"""Script runs and language detection: pure functions over text, no models."""
