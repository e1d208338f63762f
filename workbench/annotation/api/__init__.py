"""Annotation REST API."""
