"""Translation REST API."""
