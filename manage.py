#!/usr/bin/env python
"""Django's command-line utility for Workbench administrative tasks.

The settings default to production (``DEBUG`` off); ``serve``, the development server, switches
debug mode on unless ``DEBUG`` is given.
"""

import os
import sys


def main() -> None:
    """Run administrative tasks."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "workbench.settings")
    if sys.argv[1:2] == ["serve"]:
        os.environ.setdefault("DEBUG", "true")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
