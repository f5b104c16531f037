"""Fixtures of tests/examples: the example plugin packages, installed into a temporary folder."""

from __future__ import annotations

from pathlib import Path

import pytest
from example_install import EXAMPLE_PLUGINS, pip_install_to


@pytest.fixture(scope="session")
def installed_examples(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Both example plugin packages, installed into one temporary folder (built once per session)."""
    site = tmp_path_factory.mktemp("example-plugins-site")
    pip_install_to(site, EXAMPLE_PLUGINS / "docpipe-keywords", EXAMPLE_PLUGINS / "docpipe-markdown")
    return site
