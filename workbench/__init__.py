"""Workbench: a multilingual annotation and translation workbench."""
