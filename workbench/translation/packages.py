"""Installed argos packages: where they live, listing, validated atomic install, removal, index.

The directory is ``settings.ARGOS_PACKAGES_DIR``, passed explicitly everywhere. Listing reads
each package's ``metadata.json`` and nothing else: importing ``argostranslate.package`` would
create folders under the home directory and set environment variables, and ``manage.py check``
lists packages. Installing validates the archive first and moves a fully extracted folder into
place in one rename, so a bad file never leaves a half-installed package behind.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import threading
import urllib.request
import zipfile
from dataclasses import asdict, dataclass
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.utils.translation import gettext as _

#: Held while a package is moved into or out of the packages directory.
_install_lock = threading.Lock()


class PackageError(Exception):
    """A package file is invalid, or an install or removal failed."""


class IndexUnreachable(PackageError):
    """The argos package index could not be reached (typically: no network)."""


@dataclass(frozen=True)
class InstalledPackage:
    """An installed translation package, as listed by the CLI, the API and the admin."""

    code: str
    from_code: str
    to_code: str
    from_name: str
    to_name: str
    version: str
    path: str
    target_prefix: str = ""

    def as_dict(self) -> dict[str, str]:
        """Return the fields as a plain dict (JSON-ready)."""
        return asdict(self)


def packages_dir() -> Path:
    """Return the packages directory (``settings.ARGOS_PACKAGES_DIR``); it may not exist yet."""
    return Path(settings.ARGOS_PACKAGES_DIR)


def package_code(from_code: str, to_code: str) -> str:
    """Return the argospm-style code of a translation package, e.g. ``translate-ar_en``."""
    return f"translate-{from_code}_{to_code}"


def _read_metadata(folder: Path) -> dict | None:
    """A package folder's metadata, None for a folder that is no package (no metadata.json)."""
    path = folder / "metadata.json"
    if not path.is_file():
        return None
    try:
        metadata = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise PackageError(
            _("The package %(folder)s is broken: its metadata.json cannot be read (%(error)s).")
            % {"folder": folder.name, "error": exc}
        ) from exc
    if not isinstance(metadata, dict):
        raise PackageError(
            _("The package %(folder)s is broken: metadata.json holds no object.")
            % {"folder": folder.name}
        )
    return metadata


def installed_packages() -> list[InstalledPackage]:
    """Return the installed translation packages, sorted by language pair.

    Raises PackageError naming the folder when a package in the directory is broken.
    """
    directory = packages_dir()
    if not directory.is_dir():
        return []
    result = []
    for folder in sorted(directory.iterdir()):
        if not folder.is_dir() or folder.name.startswith("."):
            continue
        metadata = _read_metadata(folder)
        if metadata is None or metadata.get("type", "translate") != "translate":
            continue
        from_code, to_code = metadata.get("from_code"), metadata.get("to_code")
        if not from_code or not to_code:
            continue
        result.append(
            InstalledPackage(
                code=package_code(from_code, to_code),
                from_code=from_code,
                to_code=to_code,
                from_name=metadata.get("from_name") or from_code,
                to_name=metadata.get("to_name") or to_code,
                version=str(metadata.get("package_version") or ""),
                path=str(folder),
                target_prefix=metadata.get("target_prefix") or "",
            )
        )
    return sorted(result, key=lambda p: (p.from_code, p.to_code, p.version))


def directory_signature() -> tuple[str, float | None]:
    """Return a cheap value that changes whenever a package is installed or removed."""
    directory = packages_dir()
    try:
        return str(directory), directory.stat().st_mtime
    except FileNotFoundError:
        return str(directory), None


def _archive_root(archive: zipfile.ZipFile) -> str:
    """Return the single top-level folder of an argos archive, rejecting unsafe member names."""
    roots = set()
    for name in archive.namelist():
        path = PurePosixPath(name)
        if path.is_absolute() or ".." in path.parts or not path.parts:
            raise PackageError(_("The archive contains an unsafe path: %(name)s") % {"name": name})
        roots.add(path.parts[0])
    if len(roots) != 1:
        raise PackageError(_("An argos package must contain exactly one top-level folder."))
    root = roots.pop()
    if root.startswith("."):
        raise PackageError(_("The package folder name must not start with a dot."))
    return root


def _validate_folder(folder: Path) -> dict:
    """Check an extracted package folder and return its metadata."""
    metadata_path = folder / "metadata.json"
    if not metadata_path.is_file():
        raise PackageError(_("The package has no metadata.json."))
    try:
        metadata = json.loads(metadata_path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise PackageError(
            _("metadata.json is not valid JSON: %(error)s") % {"error": exc}
        ) from exc
    if not isinstance(metadata, dict):
        raise PackageError(_("metadata.json must hold an object."))
    if metadata.get("type", "translate") != "translate":
        raise PackageError(
            _("Only translation packages are supported, not type %(type)r.")
            % {"type": metadata.get("type")}
        )
    for key in ("from_code", "to_code"):
        if not isinstance(metadata.get(key), str) or not metadata[key]:
            raise PackageError(_("metadata.json lacks %(key)s.") % {"key": key})
    if not (folder / "model" / "model.bin").is_file():
        raise PackageError(_("The package has no CTranslate2 model (model/model.bin)."))
    sp_model = folder / "sentencepiece.model"
    if not sp_model.is_file():
        raise PackageError(_("The package has no sentencepiece.model."))
    import sentencepiece as spm

    try:
        spm.SentencePieceProcessor(model_file=str(sp_model))
    except (OSError, RuntimeError) as exc:
        raise PackageError(
            _("sentencepiece.model cannot be loaded: %(error)s") % {"error": exc}
        ) from exc
    return metadata


def package_install(*, path: Path) -> InstalledPackage:
    """Validate and install an ``.argosmodel`` file; replace an installed package of the same pair.

    The archive is extracted into a staging folder next to the packages directory, validated
    there, and renamed into place; on any error the staging folder is removed and the packages
    directory is left exactly as it was.
    """
    path = Path(path)
    if not path.is_file():
        raise PackageError(_("No such file: %(path)s") % {"path": path})
    if not zipfile.is_zipfile(path):
        raise PackageError(
            _("%(path)s is not an argos package (an .argosmodel file is a zip archive).")
            % {"path": path}
        )
    directory = packages_dir()
    directory.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".argos-staging-", dir=directory.parent))
    try:
        try:
            with zipfile.ZipFile(path) as archive:
                root = _archive_root(archive)
                archive.extractall(staging)
        except (zipfile.BadZipFile, OSError, EOFError) as exc:
            raise PackageError(
                _("%(path)s is corrupt: %(error)s") % {"path": path, "error": exc}
            ) from exc
        metadata = _validate_folder(staging / root)
        replaced = [
            Path(pkg.path)
            for pkg in installed_packages()
            if pkg.from_code == metadata["from_code"] and pkg.to_code == metadata["to_code"]
        ]
        target = directory / root
        with _install_lock:
            if target.exists() and target not in replaced:
                replaced.append(target)
            moved: list[Path] = []
            try:
                for old in replaced:
                    os.replace(old, staging / f".old-{old.name}")
                    moved.append(old)
                os.replace(staging / root, target)
            except OSError as exc:
                for old in moved:
                    os.replace(staging / f".old-{old.name}", old)
                raise PackageError(
                    _("Cannot move the package into %(dir)s: %(error)s")
                    % {"dir": directory, "error": exc}
                ) from exc
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    for pkg in installed_packages():
        if Path(pkg.path) == target:
            return pkg
    raise PackageError(_("The package was installed but cannot be listed."))


def package_remove(*, code: str) -> list[InstalledPackage]:
    """Remove the installed packages whose code (``translate-ar_en``) or folder is ``code``."""
    matches = [pkg for pkg in installed_packages() if code in (pkg.code, Path(pkg.path).name)]
    if not matches:
        raise PackageError(_("No installed package is called %(code)s.") % {"code": code})
    with _install_lock:
        for pkg in matches:
            shutil.rmtree(pkg.path)
    return matches


def package_install_from_index(
    *, from_code: str, to_code: str, timeout: float = 5.0
) -> InstalledPackage:
    """Download the ``from_code`` → ``to_code`` package from the argos index and install it.

    Raises IndexUnreachable quickly (``timeout`` seconds per request) when there is no network.
    """
    from argostranslate import settings as argos_settings

    def fetch(url: str) -> bytes:
        request = urllib.request.Request(url, headers={"User-Agent": "ArgosTranslate"})
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                return response.read()
        except (TimeoutError, OSError) as exc:
            raise IndexUnreachable(
                _(
                    "The argos package index (%(url)s) cannot be reached: %(error)s. "
                    "Without network access, install a package from a file instead: "
                    "python manage.py translation_models install PATH.argosmodel"
                )
                % {"url": url, "error": getattr(exc, "reason", exc)}
            ) from exc

    try:
        index = json.loads(fetch(argos_settings.remote_package_index))
    except json.JSONDecodeError as exc:
        raise PackageError(_("The package index is not valid JSON.")) from exc
    for entry in index:
        if entry.get("from_code") == from_code and entry.get("to_code") == to_code:
            links = entry.get("links") or []
            if not links:
                break
            data = fetch(links[0])
            with tempfile.TemporaryDirectory() as tmp:
                archive = Path(tmp) / f"{package_code(from_code, to_code)}.argosmodel"
                archive.write_bytes(data)
                return package_install(path=archive)
    raise PackageError(
        _("The package index has no %(source)s→%(target)s package.")
        % {"source": from_code, "target": to_code}
    )
