"""The review loop: document assignments and workloads, the review queue and each member's work."""
