"""System check: recommenders in settings that cannot be loaded (``suggestion.E001``)."""

from __future__ import annotations

from typing import Any

from django.core import checks
from django.utils.translation import gettext as _

from .recommenders.base import RecommenderFailed
from .recommenders.registry import load_recommender, recommender_paths


def check_recommenders(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    """Report every dotted path in ``WORKBENCH_RECOMMENDERS`` that is not a recommender."""
    messages: list[checks.CheckMessage] = []
    for path in recommender_paths():
        try:
            load_recommender(path)
        except RecommenderFailed as exc:
            messages.append(
                checks.Error(
                    _("Unknown recommender %(path)s.") % {"path": path},
                    hint=str(exc),
                    obj="settings.WORKBENCH_RECOMMENDERS",
                    id="suggestion.E001",
                )
            )
    return messages
