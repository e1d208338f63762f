"""Helpers shared by tests and benchmarks that are not part of the application."""
