"""One module owns the API's URLs and one handler the conflict flow: the rest of the front end
goes through them."""

import re
from pathlib import Path

WORKBENCH = Path(__file__).resolve().parents[2] / "workbench"
JS = WORKBENCH / "web" / "static" / "web" / "js"
API_PATH = re.compile(r"/api/v\d+")


def front_end_files() -> list[Path]:
    """Every script and template the browser gets."""
    return sorted([*WORKBENCH.glob("*/static/**/*.js"), *WORKBENCH.glob("*/templates/**/*.html")])


def test_only_api_js_writes_api_urls():
    """No script or template but api.js spells out an API path (``/api/v1/...``)."""
    files = front_end_files()
    assert JS / "api.js" in files and len(files) > 10
    offenders = {
        str(path.relative_to(WORKBENCH)): API_PATH.findall(path.read_text(encoding="utf-8"))
        for path in files
        if path != JS / "api.js"
    }
    assert {path: found for path, found in offenders.items() if found} == {}
    assert API_PATH.search((JS / "api.js").read_text(encoding="utf-8"))


def test_only_conflict_js_recognises_a_conflict():
    """The 409 test (status and ``current``) is written once, in conflict.js."""
    pattern = re.compile(r"status\s*===\s*409")
    offenders = [
        path.name
        for path in JS.glob("*.js")
        if path.name != "conflict.js" and pattern.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []
    assert pattern.search((JS / "conflict.js").read_text(encoding="utf-8"))
