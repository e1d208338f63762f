"""``train_recommenders --project NAME``: train every trainable recommender now."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from workbench.common.actor import Actor
from workbench.corpus.models import Project
from workbench.suggestion.evaluation import mean_f1
from workbench.suggestion.models import Outcome
from workbench.suggestion.services import training_run_now

ACTOR = Actor.system("train_recommenders")


class Command(BaseCommand):
    help = (
        "Train the project's learned recommenders on its accepted annotations, here and now, "
        "and print each one's self-evaluation on the held-out share."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--project", required=True, help="The project, by name.")

    def handle(self, *args: Any, **options: Any) -> None:
        project = Project.objects.filter(name=options["project"]).first()
        if project is None:
            raise CommandError(f"No project named {options['project']!r}.")
        runs = training_run_now(actor=ACTOR, project=project)
        if not runs:
            raise CommandError("No trainable recommender is configured.")
        failed = False
        for run in runs:
            if run.error:
                failed = True
                self.stderr.write(f"{run.recommender}: failed: {run.error}")
                continue
            if run.outcome != Outcome.TRAINED:
                self.stdout.write(f"{run.recommender}: {run.message}")
                continue
            self.stdout.write(
                f"{run.recommender} {run.model_version}: trained on {run.training_size} "
                f"annotations in {run.seconds:.1f} s, {run.held_out_size} held out, "
                f"mean overlap F1 {mean_f1(run.evaluation):.2f}"
            )
            self.stdout.write(f"  {'label':8} {'kind':8} {'P':>6} {'R':>6} {'F1':>6}")
            for label, kinds in run.evaluation.items():
                for kind, row in kinds.items():
                    self.stdout.write(
                        f"  {label:8} {kind:8} {row['precision']:6.2f} {row['recall']:6.2f}"
                        f" {row['f1']:6.2f}"
                    )
        if failed:
            raise CommandError("A training run failed.")
