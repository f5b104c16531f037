"""The example plugin packages: installing one is all it takes for docpipe to list and run it."""

from __future__ import annotations

import importlib.metadata
import json
import subprocess
import sys

import pytest
from example_install import EXAMPLE_PLUGINS, docpipe_cmd, plugin_env

pytestmark = pytest.mark.slow

ARTICLE = (
    "Envoy recalled over embassy row\n"
    "Foreign Minister Anna Berg said the Ministry of Foreign Affairs would keep the embassy open.\n"
)
NOTE = "# Talks resume\n\nThe envoy arrived on Monday.\n\n- first point\n- second point\n"


def test_not_listed_before_installation():
    for dist in ("docpipe-keywords", "docpipe-markdown"):
        try:
            importlib.metadata.distribution(dist)
        except importlib.metadata.PackageNotFoundError:
            continue
        pytest.skip(f"{dist} is installed in this environment (pip install -e examples/plugins/...)")
    result = docpipe_cmd("plugins", "--json", env=plugin_env(None))
    assert result.returncode == 0, result.stderr
    names = {p["name"] for p in json.loads(result.stdout)}
    assert not {"keywords", "markdown"} & names


def test_installed_plugins_are_listed_with_their_hooks(installed_examples):
    result = docpipe_cmd("plugins", "--json", env=plugin_env(installed_examples))
    assert result.returncode == 0, result.stderr
    plugins = {p["name"]: p for p in json.loads(result.stdout)}
    keywords, markdown = plugins["keywords"], plugins["markdown"]
    assert keywords["source"] == "entry point" and keywords["status"] == "loaded"
    assert keywords["version"] == "0.1.0" and keywords["module"] == "docpipe_keywords"
    assert keywords["hooks"] == ["docpipe_register_stages"]
    assert keywords["registers"] == ["stage:keywords"]
    assert markdown["hooks"] == ["docpipe_register_exporters", "docpipe_register_readers"]
    assert markdown["registers"] == ["exporter:quotes_tsv", "reader:markdown"]

    stages = docpipe_cmd("stages", "--json", env=plugin_env(installed_examples))
    registry = json.loads(stages.stdout)
    assert {"name": "keywords", "plugin": "keywords"}.items() <= next(
        s for s in registry["stages"] if s["name"] == "keywords").items()
    assert next(r for r in registry["readers"] if r["name"] == "markdown")["suffixes"] == [".md", ".markdown"]


def test_the_keywords_stage_runs_in_docpipe_run(installed_examples, tmp_path):
    (tmp_path / "article.txt").write_text(ARTICLE, encoding="utf-8")
    result = docpipe_cmd("run", "article.txt", "--stages", "keywords", env=plugin_env(installed_examples),
                         cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    record = json.loads(result.stdout)
    spans = [(record["text"][s["start"]:s["end"]], s["label"]) for s in record["spans"]["keywords"]]
    assert spans == [("Foreign Minister Anna Berg", "name"), ("Ministry of Foreign Affairs", "name")]


def test_the_markdown_reader_and_tsv_exporter_run_in_docpipe_run(installed_examples, tmp_path):
    (tmp_path / "note.md").write_text(NOTE, encoding="utf-8")
    result = docpipe_cmd("run", "note.md", "--stages", "", env=plugin_env(installed_examples), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    record = json.loads(result.stdout)
    assert record["format"] == "markdown" and record["title"] == "Talks resume"
    assert [p["role"] for p in record["paragraphs"]] == ["title", "body", "list_item", "list_item"]

    result = docpipe_cmd("run", "note.md", "--stages", "", "-o", "out.quotes.tsv",
                         env=plugin_env(installed_examples), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    header = (tmp_path / "out.quotes.tsv").read_text(encoding="utf-8").splitlines()[0]
    assert header.split("\t")[:3] == ["document", "source", "quote"]


def test_blocking_an_installed_plugin(installed_examples, tmp_path):
    (tmp_path / "article.txt").write_text(ARTICLE, encoding="utf-8")
    result = docpipe_cmd("-p", "no:keywords", "run", "article.txt", "--stages", "keywords",
                         env=plugin_env(installed_examples), cwd=tmp_path)
    assert result.returncode == 2
    assert "unknown stage 'keywords'" in result.stderr


@pytest.mark.parametrize("package", ["docpipe-keywords", "docpipe-markdown"])
def test_each_package_passes_its_own_tests(installed_examples, package):
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"], cwd=EXAMPLE_PLUGINS / package,
        env=plugin_env(installed_examples), capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    assert " passed" in result.stdout
