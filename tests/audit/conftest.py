"""Fixtures for audit tests: the annotation tests' document and span helper."""

from tests.annotation.conftest import annotate, document  # noqa: F401 (fixtures)
