"""``serve [ADDRPORT]``: the development server together with a ``run_jobs`` worker.

``make run`` uses it, so one command serves the app and runs its background jobs. The worker
is a child process started once (not again by the autoreloader); it stops when the server
stops, and by itself if this process dies.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV


class Command(BaseCommand):
    help = "Run the development server and a background job worker until interrupted."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000")
        parser.add_argument(
            "--noreload", action="store_true", help="Do not restart the server on code changes."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        worker = None
        if os.environ.get(DJANGO_AUTORELOAD_ENV) != "true":
            worker = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "django",
                    "run_jobs",
                    "--parent-pid",
                    str(os.getpid()),
                ],
                env={**os.environ, "DJANGO_SETTINGS_MODULE": _settings_module()},
            )
        # Ctrl-C and SIGTERM stop the server and, through the finally below, the worker; a
        # shell that starts this in the background would otherwise leave SIGINT ignored.
        signal.signal(signal.SIGINT, signal.default_int_handler)
        signal.signal(signal.SIGTERM, lambda *_args: sys.exit(0))
        try:
            call_command("runserver", options["addrport"], use_reloader=not options["noreload"])
        finally:
            if worker is not None:
                worker.terminate()
                try:
                    worker.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    worker.kill()


def _settings_module() -> str:
    from django.conf import settings

    return settings.SETTINGS_MODULE
