"""Suggestion API: list, accept and reject suggestions; recommenders and training runs."""
