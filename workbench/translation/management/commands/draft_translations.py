"""``draft_translations --target en [--project NAME] [--document ID] [--source ar] [--queue]``."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from workbench.common.actor import Actor
from workbench.common.errors import WorkbenchError
from workbench.corpus.models import Document
from workbench.jobs.services import default_owner, job_run
from workbench.translation.errors import NoTranslationPair
from workbench.translation.models import TranslationJob
from workbench.translation.services import (
    JOB_KIND,
    translation_job_create,
    translation_job_resume,
)

#: The command drafts on nobody's behalf; its jobs and drafts have no author.
ACTOR = Actor.system("draft_translations")


class Command(BaseCommand):
    help = (
        "Draft machine translations for documents now, with a progress bar, or queue them "
        "for the job workers with --queue."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--target", help="Target language code, e.g. en.")
        parser.add_argument("--project", help="Only documents of this project (by name).")
        parser.add_argument("--document", type=int, help="Only this document (by id).")
        parser.add_argument("--source", default="", help="Source language (default: detected).")
        parser.add_argument("--resume", type=int, metavar="JOB", help="Resume a stopped job.")
        parser.add_argument(
            "--queue",
            action="store_true",
            help="Queue the jobs for run_jobs or Celery workers instead of drafting here.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["resume"]:
            job = TranslationJob.objects.filter(pk=options["resume"]).first()
            if job is None:
                raise CommandError(f"No job {options['resume']}.")
            try:
                translation_job_resume(actor=ACTOR, job=job, submit=options["queue"])
            except WorkbenchError as exc:
                raise CommandError(exc.message) from exc
            if options["queue"]:
                self.stdout.write(f"Job {job.pk}: queued")
            else:
                self._run(job.pk)
            return
        if not options["target"]:
            raise CommandError("--target is required.")
        documents = Document.objects.order_by("pk")
        if options["project"]:
            documents = documents.filter(project__name=options["project"])
        if options["document"]:
            documents = documents.filter(pk=options["document"])
        if not documents.exists():
            raise CommandError("No matching document.")
        for document in documents:
            try:
                job = translation_job_create(
                    actor=ACTOR,
                    document=document,
                    target=options["target"],
                    source=options["source"],
                    submit=options["queue"],
                )
            except WorkbenchError as exc:
                self.stderr.write(f"{document.title}: {exc.message}")
                if isinstance(exc, NoTranslationPair):
                    raise CommandError(exc.message) from exc
                continue
            if options["queue"]:
                self.stdout.write(f"Job {job.pk}: queued ({job.total} segments)")
            else:
                self._run(job.pk, label=document.title)

    def _run(self, job_id: int, *, label: str = "") -> None:
        total = TranslationJob.objects.values_list("total", "done").get(pk=job_id)
        with tqdm(total=total[0], initial=total[1], desc=label[:40] or f"job {job_id}") as bar:

            def progress(current: TranslationJob) -> None:
                bar.update(current.done - bar.n)

            job = job_run(
                kind=JOB_KIND,
                job_id=job_id,
                owner=f"draft_translations {default_owner()}",
                on_batch=progress,
            )
        if job is None:
            raise CommandError(f"Job {job_id} is taken by another worker.")
        self.stdout.write(
            f"Job {job.pk}: {job.status}, {job.drafted} drafted, {job.skipped} skipped"
            + (f", error: {job.error}" if job.error else "")
        )
