"""Installing plugin packages for a test (helpers shared by tests/examples) without touching the shared virtualenv.

``pip install --target DIR`` builds each package and writes it, with its ``.dist-info``
(and so its entry points), into ``DIR``. Commands run with ``PYTHONPATH=DIR`` then see the
plugin exactly as if it were installed, while other test runs in the same virtualenv do not.
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
EXAMPLE_PLUGINS = REPO / "examples" / "plugins"


def _can_build_without_isolation() -> bool:
    """``--no-build-isolation`` needs bdist_wheel: from ``wheel`` or setuptools >= 70.1."""
    if importlib.util.find_spec("setuptools") is None:
        return False
    if importlib.util.find_spec("wheel") is not None:
        return True
    from importlib.metadata import version

    major, minor = (int(x) for x in version("setuptools").split(".")[:2])
    return (major, minor) >= (70, 1)


def pip_install_to(target: Path, *packages: Path) -> None:
    """Build and install ``packages`` into ``target`` (not into the virtualenv)."""
    if importlib.util.find_spec("pip") is None:
        pytest.skip("pip is not available in this environment")
    command = [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-input",
               "--disable-pip-version-check", "--target", str(target)]
    if _can_build_without_isolation():
        command.append("--no-build-isolation")  # fast, and needs no network
    result = subprocess.run([*command, *map(str, packages)], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, f"pip install failed:\n{result.stdout}\n{result.stderr}"


def plugin_env(site: Path | None) -> dict[str, str]:
    """The environment of a ``docpipe`` subprocess that sees the plugins installed in ``site``.

    Autoloading is on (that is what is being tested) and nothing else is forced in.
    """
    env = {k: v for k, v in os.environ.items() if k not in ("DOCPIPE_DISABLE_PLUGIN_AUTOLOAD", "DOCPIPE_PLUGINS")}
    paths = ([str(site)] if site else []) + [str(REPO / "core"), str(REPO / "plugins")]
    if env.get("PYTHONPATH"):
        paths.append(env["PYTHONPATH"])
    env["PYTHONPATH"] = os.pathsep.join(paths)
    env["PYTHONIOENCODING"] = "utf-8"
    return env


def docpipe_cmd(*args: str, env: dict[str, str], cwd: Path | None = None, stdin: str | None = None
                ) -> subprocess.CompletedProcess:
    """Run ``python -m docpipe ARGS`` in a fresh process."""
    return subprocess.run([sys.executable, "-m", "docpipe", *args], env=env, cwd=cwd, input=stdin,
                          capture_output=True, text=True, encoding="utf-8", timeout=300)
