"""Run the same call from several threads at once, each on its own database connection."""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from django.db import connection


def race(call: Callable[[int], Any], n: int = 8) -> list[Any]:
    """Start ``call(i)`` for i in 0..n-1 together (a barrier releases them at once); return each
    result, or the exception it raised, in order."""
    barrier = threading.Barrier(n)

    def run(i: int) -> Any:
        try:
            barrier.wait(timeout=60)
            return call(i)
        except Exception as exc:
            return exc
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=n) as pool:
        return list(pool.map(run, range(n)))
