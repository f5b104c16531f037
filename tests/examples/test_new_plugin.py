"""``docpipe new-plugin``: the generated package installs, is found by docpipe, and passes its own tests."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from docpipe.cli.new_plugin import plugin_names, write_plugin
from docpipe.errors import UsageError
from docpipe.testing import run_cli
from example_install import docpipe_cmd, pip_install_to, plugin_env


def test_names_derived_from_the_plugin_name():
    assert plugin_names("sentiment") == {"dist": "docpipe-sentiment", "module": "docpipe_sentiment",
                                         "name": "sentiment", "class_name": "Sentiment"}
    assert plugin_names("docpipe-quote-score")["module"] == "docpipe_quote_score"
    assert plugin_names("docpipe-quote-score")["class_name"] == "QuoteScore"
    for bad in ("Sentiment", "1st", "has space", "docpipe-", "a--b"):
        with pytest.raises(UsageError):
            plugin_names(bad)


def test_the_command_writes_the_skeleton_and_refuses_to_overwrite(tmp_path):
    result = run_cli(["new-plugin", "tone", "--kind", "exporter", "--dir", str(tmp_path)],
                     env={"DOCPIPE_DISABLE_PLUGIN_AUTOLOAD": "1"})
    assert result.exit_code == 0, result.stderr
    root = tmp_path / "docpipe-tone"
    assert sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file()) == [
        "README.md", "pyproject.toml", "src/docpipe_tone/__init__.py", "tests/test_tone.py"]
    pyproject = (root / "pyproject.toml").read_text()
    assert '[project.entry-points.docpipe]\ntone = "docpipe_tone"' in pyproject
    assert "docpipe_register_exporters" in (root / "src/docpipe_tone/__init__.py").read_text()
    assert "pip install -e" in result.stdout

    again = run_cli(["new-plugin", "tone", "--dir", str(tmp_path)], env={"DOCPIPE_DISABLE_PLUGIN_AUTOLOAD": "1"})
    assert again.exit_code == 2 and "already exists" in again.stderr
    bad = run_cli(["new-plugin", "tone", "--kind", "widget", "--dir", str(tmp_path)])
    assert bad.exit_code == 2 and "invalid choice" in bad.stderr


@pytest.mark.slow
def test_generated_plugins_install_and_pass_their_own_tests(tmp_path):
    kinds = {"stage": "sample-stage", "reader": "sample-reader", "exporter": "sample-exporter"}
    roots = {kind: write_plugin(name, kind, tmp_path) for kind, name in kinds.items()}
    site = tmp_path / "site"
    pip_install_to(site, *roots.values())
    env = plugin_env(site)

    listed = docpipe_cmd("plugins", "--json", env=env)
    assert listed.returncode == 0, listed.stderr
    plugins = {p["name"]: p for p in json.loads(listed.stdout)}
    assert plugins["sample_stage"]["registers"] == ["stage:sample_stage"]
    assert plugins["sample_reader"]["registers"] == ["reader:sample_reader"]
    assert plugins["sample_exporter"]["registers"] == ["exporter:sample_exporter"]
    assert all(plugins[n]["source"] == "entry point" and plugins[n]["status"] == "loaded"
               for n in ("sample_stage", "sample_reader", "sample_exporter"))

    # All three work together in one run, with no configuration at all.
    (tmp_path / "note.sample_reader").write_text("A title\n\nAn example paragraph.\n", encoding="utf-8")
    run = docpipe_cmd("run", "note.sample_reader", "--stages", "sample_stage", "-o", "out.sample_exporter",
                      env=env, cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    rows = (tmp_path / "out.sample_exporter").read_text(encoding="utf-8").splitlines()
    assert rows[1].split("\t")[2:5] == ["A title", "2", "0"]

    for root in roots.values():
        tested = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"], cwd=root,
                                env=env, capture_output=True, text=True, timeout=300)
        assert tested.returncode == 0, tested.stdout[-3000:] + tested.stderr[-2000:]
        assert "2 passed" in tested.stdout
