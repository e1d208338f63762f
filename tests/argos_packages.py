"""Tiny real argos packages, built once per session and installed the way users install them.

``settings.ARGOS_PACKAGES_DIR`` points at a per-session temporary folder for the whole session;
the translation code reads the setting at call time, so nothing touches ``var/`` or the network.
"""

from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from tests.support.modelbuild import TINY, build_package
from workbench.translation.engines.registry import reset_engines

SEED = Path(__file__).resolve().parents[1] / "seeds" / "004_e865a5cbf46ebc2f.txt"
PAIRS = [("ar", "en"), ("en", "ar"), ("fr", "en")]


@pytest.fixture(scope="session")
def seed_lines() -> list[str]:
    return SEED.read_text(encoding="utf-8").splitlines()


@pytest.fixture(scope="session")
def package_files(tmp_path_factory, seed_lines) -> dict[tuple[str, str], Path]:
    """Build one tiny package per pair (deterministic weights, different seed per pair)."""
    folder = tmp_path_factory.mktemp("argos-build")
    return {
        (src, tgt): build_package(
            lines=seed_lines,
            from_code=src,
            to_code=tgt,
            output=folder / f"{src}_{tgt}.argosmodel",
            shape=TINY,
            seed=index,
        )
        for index, (src, tgt) in enumerate(PAIRS)
    }


@pytest.fixture(scope="session", autouse=True)
def packages_dir(tmp_path_factory) -> Path:
    """Point settings.ARGOS_PACKAGES_DIR at an empty per-session folder for every test."""
    directory = tmp_path_factory.mktemp("argos-root") / "packages"
    directory.mkdir()
    previous = settings.ARGOS_PACKAGES_DIR
    settings.ARGOS_PACKAGES_DIR = directory
    reset_engines()
    yield directory
    settings.ARGOS_PACKAGES_DIR = previous
    reset_engines()


@pytest.fixture(scope="session")
def installed(package_files, packages_dir) -> dict[tuple[str, str], Path]:
    """Install every tiny package through ``manage.py translation_models install``."""
    for path in package_files.values():
        call_command("translation_models", "install", str(path))
    return package_files
