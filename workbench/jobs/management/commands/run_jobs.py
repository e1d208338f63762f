"""``run_jobs [--once] [--kind NAME] [--name OWNER]``: the worker process that runs queued jobs."""

from __future__ import annotations

import signal
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from workbench.jobs.registry import UnknownJobKind, all_kinds, get_kind
from workbench.jobs.services import default_owner
from workbench.jobs.worker import Worker


class Command(BaseCommand):
    help = (
        "Run background jobs (translation drafting and every other registered kind) from the "
        "database, one at a time, until stopped. Stale jobs of dead workers are resumed."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--once", action="store_true", help="Exit when no job is left.")
        parser.add_argument(
            "--kind", action="append", default=[], help="Only jobs of this kind (repeatable)."
        )
        parser.add_argument("--name", default="", help="Owner name recorded on claims.")
        parser.add_argument(
            "--poll", type=float, default=None, help="Seconds between polls when idle."
        )
        parser.add_argument(
            "--parent-pid", type=int, default=None, help="Stop when this parent process exits."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            kinds = [get_kind(name) for name in options["kind"]] or all_kinds()
        except UnknownJobKind as exc:
            raise CommandError(str(exc)) from exc
        owner = options["name"] or default_owner()
        poll = options["poll"]
        worker = Worker(
            owner=owner,
            kinds=kinds,
            poll_seconds=settings.WORKBENCH_JOB_POLL_SECONDS if poll is None else poll,
            once=options["once"],
            parent_pid=options["parent_pid"],
            report=self._say,
        )
        for signum in (signal.SIGTERM, signal.SIGINT):
            signal.signal(signum, lambda *_args: worker.stop())
        names = ", ".join(kind.name for kind in kinds)
        self._say(f"Job worker {owner} running {names} jobs.")
        count = worker.run()
        self._say(f"Job worker {owner} stopped after {count} jobs.")

    def _say(self, line: str) -> None:
        self.stdout.write(line)
        self.stdout.flush()
