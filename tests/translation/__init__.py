"""Tests of the translation app."""
