"""``check [--deploy]``: Django's system checks, with this project's installation advice.

The installation checks (``workbench.common.checks``) report only here, not before every
other command.
"""

from typing import Any

from django.core.management.commands.check import Command as DjangoCheckCommand

from workbench.common.checks import installation_checks


class Command(DjangoCheckCommand):
    def handle(self, *app_labels: str, **options: Any) -> None:
        with installation_checks():
            super().handle(*app_labels, **options)
