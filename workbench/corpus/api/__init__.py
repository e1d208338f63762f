"""Corpus REST API: projects, members, documents and segments."""
