"""Audit REST API: the project activity feed."""
