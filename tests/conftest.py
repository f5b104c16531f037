"""Shared fixtures. Tests never depend on ../shared: every input is written by the tests themselves,
except the seed article, which the repository ships in examples/."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
BRIEFING = REPO / "examples" / "kazakhstan_briefing" / "kazakhstan_briefing.txt"
TEST_PLUGINS = REPO / "tests" / "plugins"
# The small plugin modules under tests/plugins are importable by name (``-p dp_test_upper_stage``).
if str(TEST_PLUGINS) not in sys.path:
    sys.path.insert(0, str(TEST_PLUGINS))


@pytest.fixture
def repo_root() -> Path:
    return REPO


@pytest.fixture
def briefing_path() -> Path:
    return BRIEFING


@pytest.fixture
def briefing_text() -> str:
    return BRIEFING.read_text(encoding="utf-8")


def run_docpipe(*args: str, cwd: Path | None = None, env: dict | None = None, input: bytes | None = None,
                timeout: float = 120) -> subprocess.CompletedProcess:
    """Run ``python -m docpipe`` from the source tree in a real subprocess."""
    full_env = dict(os.environ)
    full_env["PYTHONPATH"] = os.pathsep.join([str(REPO / "core"), str(REPO / "plugins"),
                                              str(REPO / "tests" / "plugins"), full_env.get("PYTHONPATH", "")])
    if env:
        full_env.update(env)
    return subprocess.run([sys.executable, "-m", "docpipe", *args], cwd=cwd, env=full_env, input=input,
                          capture_output=True, timeout=timeout)


@pytest.fixture
def docpipe_cli():
    return run_docpipe
