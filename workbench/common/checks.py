"""Which system checks speak when: installation advice only under ``manage.py check``.

Every management command runs the system checks first. Misconfigurations (errors) must stop
them all, but advice about what is not installed yet (for example that no translation
package is, ``translation.W001``) would be printed before every ``migrate`` or ``run_jobs``.
Such checks call ``installation_checks_wanted()`` and report only while ``manage.py check``
(with or without ``--deploy``) runs, which this project's ``check`` command marks with
``installation_checks()``.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

_wanted: ContextVar[bool] = ContextVar("installation_checks", default=False)


@contextmanager
def installation_checks() -> Iterator[None]:
    """Let the installation checks report for the duration of the block."""
    token = _wanted.set(True)
    try:
        yield
    finally:
        _wanted.reset(token)


def installation_checks_wanted() -> bool:
    """Whether installation advice should be reported now (inside ``manage.py check``)."""
    return _wanted.get()
