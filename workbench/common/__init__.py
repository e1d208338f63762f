"""Pieces shared by every app: API errors, pagination, token auth, optimistic locking."""
