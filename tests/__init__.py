"""Workbench test suite."""
