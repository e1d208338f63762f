"""Deployment tests install the tiny argos packages, so no translation warning is expected."""

from tests.translation.conftest import installed, package_files, packages_dir, seed_lines

__all__ = ["installed", "package_files", "packages_dir", "seed_lines"]
