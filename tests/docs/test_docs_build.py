"""The documentation site builds with MkDocs in strict mode: any warning (a broken link, a page
missing from the nav, a nav entry without a page) fails."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]

pytest.importorskip("mkdocs", reason="mkdocs is not installed (pip install mkdocs)")


def test_strict_build(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path / "site")],
        cwd=REPO, capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    built = {p.relative_to(tmp_path / "site").as_posix() for p in (tmp_path / "site").rglob("index.html")}
    for page in ("quickstart", "concepts", "document-model", "cli", "hooks", "writing-plugins", "embedding",
                 "configuration", "api"):
        assert f"{page}/index.html" in built, f"docs/{page}.md was not built"
    hooks_html = (tmp_path / "site" / "hooks" / "index.html").read_text(encoding="utf-8")
    assert "docpipe_register_stages" in hooks_html and "<table>" in hooks_html
