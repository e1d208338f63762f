"""Settings are read in one place: ``manage.py check`` writes nothing and leaves the
environment alone, and no module gives a setting a default of its own."""

import ast
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
WORKBENCH = ROOT / "workbench"


def _run(code: str, tmp_path: Path) -> subprocess.CompletedProcess:
    """Run ``code`` in a fresh interpreter with an empty home and no var/ directory."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("ARGOS_", "XDG_", "WORKBENCH_", "DATABASE_URL", "DJANGO_"))
    }
    env.update(
        HOME=str(tmp_path / "home"),
        WORKBENCH_VAR_DIR=str(tmp_path / "var"),
        DJANGO_SETTINGS_MODULE="workbench.settings",
    )
    (tmp_path / "home").mkdir()
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


def test_check_writes_nothing_to_disk(tmp_path):
    """``manage.py check`` creates neither var/ (nor the models directory in it) nor argos's
    folders under the home directory."""
    result = _run(
        "import django; django.setup(); from django.core.management import call_command; "
        "call_command('check')",
        tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert not (tmp_path / "var").exists()
    assert list((tmp_path / "home").rglob("*")) == []


def test_check_leaves_the_environment_alone(tmp_path):
    """Loading the settings and running every check writes no environment variable."""
    result = _run(
        "import json, os; before = dict(os.environ); import django; django.setup(); "
        "from django.core.management import call_command; call_command('check'); "
        "print(json.dumps(sorted(set(os.environ.items()) ^ set(before.items()))))",
        tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.strip().splitlines()[-1]) == []


def _calls(path: Path):
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call):
            yield node


def test_settings_have_their_defaults_in_settings_py_only():
    """Code reads ``settings.NAME``; no ``getattr(settings, NAME, default)`` elsewhere."""
    offenders = [
        f"{path.relative_to(ROOT)}:{node.lineno}"
        for path in WORKBENCH.rglob("*.py")
        for node in _calls(path)
        if isinstance(node.func, ast.Name)
        and node.func.id == "getattr"
        and len(node.args) == 3
        and isinstance(node.args[0], ast.Name)
        and node.args[0].id == "settings"
    ]
    assert offenders == []


def test_no_module_writes_the_environment():
    """Nothing in workbench/ assigns to, updates or sets defaults in ``os.environ``, except
    the WSGI and ASGI entry points naming the settings module, as Django requires."""
    offenders = []
    for path in WORKBENCH.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            target = None
            if isinstance(node, ast.Assign | ast.AugAssign):
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                target = next((t for t in targets if isinstance(t, ast.Subscript)), None)
                target = target.value if target is not None else None
            elif (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr in {"setdefault", "update", "pop", "putenv"}
            ):
                target = node.func.value
            if (
                isinstance(node, ast.Call)
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and node.args[0].value == "DJANGO_SETTINGS_MODULE"
            ):
                continue
            if target is not None and ast.unparse(target) in {"os.environ", "os"}:
                offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert offenders == []
