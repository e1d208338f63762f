"""Background jobs of every kind: a registry of kinds, atomic claims, batch commits, workers."""
