"""Installing, listing and removing argos packages through ``translation_models``."""

import json
import zipfile
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from tests.support.modelbuild import TINY, build_package
from workbench.translation.packages import installed_packages


@pytest.fixture
def empty_dir(tmp_path, settings) -> Path:
    directory = tmp_path / "packages"
    directory.mkdir()
    settings.ARGOS_PACKAGES_DIR = directory
    return directory


def _snapshot(directory: Path) -> list[str]:
    return sorted(str(p.relative_to(directory.parent)) for p in directory.parent.rglob("*"))


def _rezip(source: Path, target: Path, *, drop: str = "", extra: dict | None = None) -> Path:
    """Copy an archive, leaving out members whose name contains ``drop`` and adding ``extra``."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for item in old.infolist():
            if drop and drop in item.filename:
                continue
            new.writestr(item, old.read(item))
        for name, data in (extra or {}).items():
            new.writestr(name, data)
    return target


def test_install_list_remove_round_trip(empty_dir, package_files, capsys):
    """A built package installs, is listed with its version (also as JSON), and is removed."""
    call_command("translation_models", "install", str(package_files[("ar", "en")]))
    assert "Installed translate-ar_en" in capsys.readouterr().out
    call_command("translation_models", "list", "--json")
    listed = json.loads(capsys.readouterr().out)
    assert [(p["code"], p["from_code"], p["to_code"], p["version"]) for p in listed] == [
        ("translate-ar_en", "ar", "en", "1.0")
    ]
    call_command("translation_models", "remove", "translate-ar_en")
    assert installed_packages() == []


def test_reinstall_replaces_the_same_pair(empty_dir, seed_lines, tmp_path):
    """Installing a newer package for an installed pair replaces it; one package remains."""
    for version in ("1.0", "1.1"):
        path = build_package(
            lines=seed_lines[:300],
            from_code="ar",
            to_code="en",
            output=tmp_path / f"ar_en_{version}.argosmodel",
            shape=TINY,
            package_version=version,
        )
        call_command("translation_models", "install", str(path))
    assert [(p.code, p.version) for p in installed_packages()] == [("translate-ar_en", "1.1")]


@pytest.mark.parametrize(
    ("case", "message"),
    [
        ("not-zip", "not an argos package"),
        ("no-metadata", "no metadata.json"),
        ("no-model", "no CTranslate2 model"),
        ("no-sentencepiece", "no sentencepiece.model"),
        ("bad-sentencepiece", "cannot be loaded"),
        ("traversal", "unsafe path"),
        ("two-roots", "exactly one top-level folder"),
        ("truncated", "corrupt"),
    ],
)
def test_corrupt_package_leaves_nothing(empty_dir, package_files, tmp_path, case, message):
    """A corrupt or non-argos file gives a clear CommandError and the directory is unchanged."""
    good = package_files[("ar", "en")]
    root = zipfile.ZipFile(good).namelist()[0].split("/")[0]
    bad = tmp_path / f"{case}.argosmodel"
    if case == "not-zip":
        bad.write_text("this is not a zip archive")
    elif case == "no-metadata":
        _rezip(good, bad, drop="metadata.json")
    elif case == "no-model":
        _rezip(good, bad, drop="model.bin")
    elif case == "no-sentencepiece":
        _rezip(good, bad, drop="sentencepiece.model")
    elif case == "bad-sentencepiece":
        _rezip(good, bad, drop="sentencepiece.model", extra={f"{root}/sentencepiece.model": "x"})
    elif case == "traversal":
        _rezip(good, bad, extra={f"{root}/../../evil.txt": "x"})
    elif case == "two-roots":
        _rezip(good, bad, extra={"other/readme.txt": "x"})
    elif case == "truncated":
        data = good.read_bytes()
        with zipfile.ZipFile(good) as archive:
            offset = archive.getinfo(f"{root}/model/model.bin").header_offset
        bad.write_bytes(data[: offset + 100] + data[-2000:])
    before = _snapshot(empty_dir)
    with pytest.raises(CommandError, match=message):
        call_command("translation_models", "install", str(bad))
    assert _snapshot(empty_dir) == before
    assert installed_packages() == []


def test_from_index_without_network_says_so(empty_dir, monkeypatch):
    """With the index unreachable, ``--from-index`` fails fast and suggests a file install."""
    monkeypatch.setattr(
        "argostranslate.settings.remote_package_index", "http://127.0.0.1:9/index.json"
    )
    with pytest.raises(CommandError, match=r"cannot be reached.*install PATH\.argosmodel"):
        call_command("translation_models", "install", "--from-index", "ar", "en", "--timeout", "1")


def test_optional_from_index_never_fails(empty_dir, monkeypatch):
    """``--optional`` (used by ``make run``) prints the offline instruction and exits cleanly."""
    monkeypatch.setattr(
        "argostranslate.settings.remote_package_index", "http://127.0.0.1:9/index.json"
    )
    out = StringIO()
    call_command(
        "translation_models",
        "install",
        "--from-index",
        "ar",
        "en",
        "--timeout",
        "1",
        "--optional",
        "--if-missing",
        stdout=out,
    )
    assert "ar→en not installed." in out.getvalue()
    assert "install PATH.argosmodel" in out.getvalue()
    assert installed_packages() == []


def test_remove_unknown_code(empty_dir):
    """Removing a package that is not installed is a clear error."""
    with pytest.raises(CommandError, match="No installed package"):
        call_command("translation_models", "remove", "translate-xx_yy")
