"""Job tests run translation jobs on the tiny real argos packages of the translation tests."""

from tests.translation.conftest import installed, package_files, packages_dir, seed_lines

__all__ = ["installed", "package_files", "packages_dir", "seed_lines"]
