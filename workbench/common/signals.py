"""Signals the lower layers send for the higher ones to act on (the audit trail listens)."""

from dataclasses import dataclass, field

from django.dispatch import Signal

#: Sent by the admin inside the transaction of a hard delete, after the rows are gone, with
#: ``user`` (who deleted) and ``deletions`` (a list of ``HardDeletion``).
hard_deleted = Signal()


@dataclass(frozen=True)
class HardDeletion:
    """One object deleted for good: what it was, in which project, and what went with it."""

    model: str
    pk: int
    project_id: int | None
    name: str
    removed: dict[str, int] = field(default_factory=dict)
