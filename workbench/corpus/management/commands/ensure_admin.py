"""``ensure_admin``: on the first run, create a superuser with a random password and print it."""

import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandParser

from workbench.corpus.models import Membership, Project, Role


class Command(BaseCommand):
    requires_system_checks: list[str] = []
    help = "Create the admin account with a random password if no superuser exists yet."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--username", default="admin")

    def handle(self, *args, username: str, **options) -> None:
        users = get_user_model().objects
        if users.filter(is_superuser=True).exists():
            self.stdout.write("An admin account exists already; log in with its password.")
            return
        password = secrets.token_urlsafe(12)
        user = users.create_superuser(username=username, email="", password=password)
        seeds = Project.objects.filter(name=settings.WORKBENCH_SEED_PROJECT).first()
        if seeds is not None:
            Membership.objects.get_or_create(
                project=seeds, user=user, defaults={"role": Role.MODERATOR}
            )
        self.stdout.write(
            self.style.SUCCESS(
                f"Created the admin account. Log in to the workspace at http://127.0.0.1:8000/ "
                f"(or the admin at /admin/) as {username!r} with the password {password!r} "
                f"(shown only this once)."
            )
        )
