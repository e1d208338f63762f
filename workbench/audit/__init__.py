"""The audit trail: who changed what in a project, and the project activity feed."""
