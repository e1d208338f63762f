"""Source rules that keep the apps apart: what each app may import."""

import ast
from pathlib import Path

WORKBENCH = Path(__file__).resolve().parents[2] / "workbench"


def imported_modules(folder: Path) -> dict[str, set[str]]:
    """Every module imported by each Python file under ``folder``."""
    found: dict[str, set[str]] = {}
    for path in folder.rglob("*.py"):
        names: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module:
                names.add(node.module)
        found[str(path.relative_to(WORKBENCH))] = names
    return found


def test_translation_does_not_import_annotation():
    """Translation records into the audit app; it never reaches into annotation."""
    offenders = {
        path: sorted(name for name in names if name.startswith("workbench.annotation"))
        for path, names in imported_modules(WORKBENCH / "translation").items()
    }
    assert {path: names for path, names in offenders.items() if names} == {}
