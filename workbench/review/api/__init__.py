"""Review-loop REST API: the review queue, assignments, workloads and "My work"."""
