"""The JSON values the audit trail stores for assignments and workloads."""

from typing import Any

from workbench.review.models import Assignment, Workload


def assignment_snapshot(assignment: Assignment) -> dict[str, Any]:
    """An assignment as its audit entries record it."""
    return {
        "document": assignment.document_id,
        "user": assignment.user_id,
        "state": assignment.state,
        "finished_at": assignment.finished_at.isoformat() if assignment.finished_at else None,
        "version": assignment.version,
    }


def workload_snapshot(workload: Workload) -> dict[str, Any]:
    """A document's workload as its audit entries record it."""
    return {"document": workload.document_id, "annotators_needed": workload.annotators_needed}
