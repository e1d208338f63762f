"""Commands: import_seeds, ensure_admin."""
