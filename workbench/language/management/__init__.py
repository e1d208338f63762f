"""Management commands of the language app."""
