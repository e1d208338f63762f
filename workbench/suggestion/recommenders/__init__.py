"""Recommenders: one base class, pluggable implementations, a lazy registry."""
