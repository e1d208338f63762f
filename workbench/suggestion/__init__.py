"""Suggested annotations: pluggable recommenders, their training runs and decisions."""
