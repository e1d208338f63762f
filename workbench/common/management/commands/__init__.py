"""Commands: load_fixtures."""
