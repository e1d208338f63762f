"""What an audit entry changed: the fields whose values differ between ``before`` and ``after``."""

from typing import Any

#: Bookkeeping fields every change touches; a list of changes leaves them out.
IGNORED = frozenset({"version"})


def entry_changes(before: Any, after: Any) -> list[dict[str, Any]]:
    """``[{"field", "before", "after"}, ...]`` for each key whose value differs, in key order.

    Entries that only create (no ``before``) or only remove (no ``after``) something list
    nothing: their whole value is the change.
    """
    if not isinstance(before, dict) or not isinstance(after, dict):
        return []
    return [
        {"field": key, "before": before.get(key), "after": after.get(key)}
        for key in sorted(set(before) | set(after))
        if key not in IGNORED and before.get(key) != after.get(key)
    ]
