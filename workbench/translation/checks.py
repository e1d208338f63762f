"""System checks: unknown engines in settings (E001) and no installed language pair (W001).

Registered from ``TranslationConfig.ready()``. They list package folders only; no model is
loaded and neither torch nor stanza is imported. E001 is a misconfiguration and stops every
command; W001 is installation advice, reported by ``manage.py check`` (and ``check
--deploy``) only, so other commands do not repeat it each time they start.
"""

from __future__ import annotations

from typing import Any

from django.core import checks
from django.utils.translation import gettext as _

from workbench.common.checks import installation_checks_wanted

from .engines.base import EngineFailed
from .engines.registry import engine_paths, load_engine
from .packages import PackageError


def check_engines(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    """Report engines that cannot be loaded and package-based engines with nothing installed."""
    messages: list[checks.CheckMessage] = []
    for path in engine_paths():
        try:
            engine = load_engine(path)
        except EngineFailed as exc:
            messages.append(
                checks.Error(
                    _("Unknown machine-translation engine %(path)s.") % {"path": path},
                    hint=str(exc),
                    obj="settings.WORKBENCH_MT_ENGINES",
                    id="translation.E001",
                )
            )
            continue
        if not engine.requires_packages or not installation_checks_wanted():
            continue
        try:
            pairs = engine.pairs()
        except (EngineFailed, PackageError) as exc:
            messages.append(checks.Warning(str(exc), obj=engine.name, id="translation.W001"))
            continue
        if not pairs:
            messages.append(
                checks.Warning(
                    _("No translation language pair is installed for engine %(name)s.")
                    % {"name": engine.name},
                    hint=_(
                        "Install one with: python manage.py translation_models install "
                        "PATH.argosmodel (or --from-index ar en when the network is reachable)."
                    ),
                    obj=engine.name,
                    id="translation.W001",
                )
            )
    return messages
