"""A development engine that does not translate: it echoes its input and says so."""

from __future__ import annotations

from .base import Engine, Pair, PairNotInstalled, Route

#: Prefix put in front of every echoed text, so nobody mistakes it for a translation.
ECHO_PREFIX = "[echo] "


class EchoEngine(Engine):
    """Return each text prefixed with ``[echo]``, for any pair of different languages."""

    name = "echo"
    requires_packages = False

    def pairs(self) -> list[Pair]:
        """Echo has no packages; it accepts every pair (see :meth:`route`)."""
        return []

    def route(self, source: str, target: str) -> Route:
        """Accept every pair of two different languages."""
        if not source or not target or source == target:
            raise PairNotInstalled(f"echo: cannot translate {source}→{target}")
        return Route(self.name, "echo", "1")

    def _translate(self, texts: list[str], source: str, target: str, route: Route) -> list[str]:
        return [ECHO_PREFIX + text for text in texts]
