"""Management commands of the translation app."""
