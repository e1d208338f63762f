"""Annotation API routes."""

urlpatterns: list = []
