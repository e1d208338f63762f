"""The documentation: the site builds in strict mode and the README stays a short front page."""

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_site_builds_strictly(tmp_path):
    """`mkdocs build --strict` succeeds: every page is in the nav, and no link or anchor is
    broken (the same build `make test` runs)."""
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "admin" / "settings" / "index.html").is_file()


def test_site_fetches_nothing(tmp_path):
    """The theme loads no web fonts and the pages load no script or style from the network."""
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--quiet", "--site-dir", str(tmp_path)],
        cwd=ROOT,
        check=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        timeout=120,
    )
    html = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert "fonts.googleapis.com" not in html and "fonts.gstatic.com" not in html
    assert not re.findall(r'<(?:script|link)[^>]+(?:src|href)="https?://', html)


def test_readme_is_a_short_front_page():
    """The README is under 10 KB, has a Quick start with the two commands, and its screenshot
    exists and is small."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert len(readme.encode()) < 10_000
    quick_start = readme.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    assert "make run" in quick_start and "make test" in quick_start
    images = re.findall(r"!\[[^\]]*\]\(([^)]+)\)", readme)
    assert images
    for image in images:
        assert (ROOT / image).is_file() and (ROOT / image).stat().st_size < 300_000
    for link in re.findall(r"\]\((docs/[^)#]+)", readme):
        assert (ROOT / link).is_file(), link
