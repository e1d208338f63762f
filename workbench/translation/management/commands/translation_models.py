"""``translation_models list | install PATH | install --from-index FROM TO | remove CODE``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from workbench.translation.packages import (
    IndexUnreachable,
    PackageError,
    installed_packages,
    package_install,
    package_install_from_index,
    package_remove,
    packages_dir,
)


class Command(BaseCommand):
    help = "List, install and remove argos translation packages (ARGOS_PACKAGES_DIR)."
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        listing = actions.add_parser("list", help="List installed language pairs.")
        listing.add_argument("--json", action="store_true", help="Print JSON.")
        install = actions.add_parser("install", help="Install a package file or from the index.")
        install.add_argument("path", nargs="?", help="An .argosmodel file.")
        install.add_argument(
            "--from-index",
            nargs=2,
            metavar=("FROM", "TO"),
            help="Download the FROM→TO package from the argos index (needs network).",
        )
        install.add_argument(
            "--timeout", type=float, default=5.0, help="Network timeout in seconds."
        )
        install.add_argument(
            "--if-missing",
            action="store_true",
            help="With --from-index: do nothing when the pair is installed already.",
        )
        install.add_argument(
            "--optional",
            action="store_true",
            help="With --from-index: when the index cannot be reached, say how to install "
            "from a file and exit successfully (used by `make run`).",
        )
        remove = actions.add_parser("remove", help="Remove an installed package.")
        remove.add_argument("code", help="Package code such as translate-ar_en, or folder name.")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            getattr(self, f"do_{options['action']}")(options)
        except PackageError as exc:
            raise CommandError(str(exc)) from exc

    def do_list(self, options: dict[str, Any]) -> None:
        packages = installed_packages()
        if options["json"]:
            self.stdout.write(json.dumps([p.as_dict() for p in packages], indent=2))
            return
        if not packages:
            self.stdout.write(f"No translation packages installed in {packages_dir()}.")
            return
        for pkg in packages:
            self.stdout.write(f"{pkg.code}\t{pkg.from_code}→{pkg.to_code}\t{pkg.version}")

    def do_install(self, options: dict[str, Any]) -> None:
        if options["from_index"]:
            if options["path"]:
                raise CommandError("Give either a PATH or --from-index FROM TO, not both.")
            source, target = options["from_index"]
            if options["if_missing"] and any(
                (p.from_code, p.to_code) == (source, target) for p in installed_packages()
            ):
                self.stdout.write(f"{source}→{target} is installed already.")
                return
            try:
                pkg = package_install_from_index(
                    from_code=source, to_code=target, timeout=options["timeout"]
                )
            except IndexUnreachable as exc:
                if not options["optional"]:
                    raise
                self.stdout.write(self.style.WARNING(f"{source}→{target} not installed. {exc}"))
                return
        elif options["path"]:
            pkg = package_install(path=Path(options["path"]))
        else:
            raise CommandError("Give a PATH.argosmodel or --from-index FROM TO.")
        self.stdout.write(
            self.style.SUCCESS(
                f"Installed {pkg.code} ({pkg.from_code}→{pkg.to_code}, version {pkg.version})."
            )
        )

    def do_remove(self, options: dict[str, Any]) -> None:
        for pkg in package_remove(code=options["code"]):
            self.stdout.write(self.style.SUCCESS(f"Removed {pkg.code} (version {pkg.version})."))
