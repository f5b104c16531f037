"""The code samples of the documentation run, as written (see tests/docs/doc_samples.py for the rules)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from doc_samples import DOCS, collect, console_commands, sample_env

SAMPLER = Path(__file__).with_name("doc_samples.py")
PAGES = sorted(p for p in DOCS.glob("*.md") if any(b.lang in ("python", "console") for b in collect(p)))


def test_pages_with_samples_are_found():
    names = {p.name for p in PAGES}
    assert {"quickstart.md", "concepts.md", "embedding.md", "writing-plugins.md", "cli.md"} <= names


#: Pages of other areas whose samples do not run yet, with what to change. Strict: once a page is fixed,
#: its test passes, the xfail fails, and the entry must be removed here.
KNOWN_BROKEN: dict[str, str] = {}


def _page_param(page: Path):
    if page.name in KNOWN_BROKEN:
        return pytest.param(page, marks=pytest.mark.xfail(reason=KNOWN_BROKEN[page.name], strict=True))
    return page


@pytest.mark.parametrize("page", [_page_param(p) for p in PAGES], ids=lambda p: p.name)
def test_samples_run(page):
    result = subprocess.run([sys.executable, str(SAMPLER), str(page)], env=sample_env(), capture_output=True,
                            text=True, encoding="utf-8", timeout=900)
    assert result.returncode == 0, result.stderr[-6000:]


def test_skipping_is_rare():
    """``no-test`` is for samples that would change the environment (pip install) or serve forever."""
    for page in DOCS.glob("*.md"):
        skipped = [b.where for b in collect(page) if "no-test" in b.directives]
        assert len(skipped) <= 4, f"too many samples excluded from testing: {skipped}"


def test_collect_reads_directives_and_blocks(tmp_path):
    page = tmp_path / "p.md"
    page.write_text(
        "text\n\n<!-- no-test -->\n```python\nraise SystemExit\n```\n\n"
        "<!-- file: a.txt -->\n<!-- requires-stage: quotes -->\n```text\nhello\n```\n\n"
        "<!-- exit: 1 -->\n```console\n$ false\noutput line\n$ echo a \\\n  b\n```\n",
        encoding="utf-8",
    )
    blocks = collect(page)
    assert [(b.lang, b.line) for b in blocks] == [("python", 4), ("text", 10), ("console", 15)]
    assert blocks[0].directives == {"no-test": ""}
    assert blocks[1].directives == {"file": "a.txt", "requires-stage": "quotes"}
    assert blocks[1].code == "hello\n"
    assert blocks[2].directives == {"exit": "1"}
    page.write_text("<!-- requires-module: no_such_module_xyz -->\n```python\nimport no_such_module_xyz\n```\n")
    assert collect(page)[0].directives == {"requires-module": "no_such_module_xyz"}
    result = subprocess.run([sys.executable, str(SAMPLER), str(page)], env=sample_env(), capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0 and "not installed" in result.stdout
    assert console_commands(blocks[2].code) == ["false", "echo a \\\n  b"]


def test_a_failing_sample_is_reported(tmp_path):
    page = tmp_path / "bad.md"
    page.write_text("```python\nx = 1\n```\n\n```python\nassert x == 2, 'x is not 2'\n```\n", encoding="utf-8")
    result = subprocess.run([sys.executable, str(SAMPLER), str(page)], env=sample_env(), capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 1
    assert "bad.md:5: python sample failed" in result.stderr and "x is not 2" in result.stderr
    page.write_text("<!-- exit: 3 -->\n```console\n$ exit 3\n```\n```console\n$ exit 4\n```\n", encoding="utf-8")
    result = subprocess.run([sys.executable, str(SAMPLER), str(page)], env=sample_env(), capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 1 and "`exit 4` exited 4, expected 0" in result.stderr
    assert "exit 3" not in result.stderr.replace("`exit 4`", "")
