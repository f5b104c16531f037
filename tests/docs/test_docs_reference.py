"""The reference pages cover everything they claim to: every hook, every public name, every CLI
flag and exit code, every field of the document model. Adding one without documenting it fails here."""

from __future__ import annotations

import argparse
import inspect
import re
import subprocess
import sys
from pathlib import Path

import attrs
import docpipe
import pluggy
import pytest
from docpipe import hookspecs, model
from docpipe.cli.main import build_parser
from docpipe.engine import Engine
from docpipe.errors import ExitCode
from docpipe.serialize import document_to_dict
from docpipe.testing import build_document

REPO = Path(__file__).resolve().parents[2]
DOCS = REPO / "docs"


def page(name: str) -> str:
    return (DOCS / name).read_text(encoding="utf-8")


def hook_functions() -> dict[str, object]:
    return {n: f for n, f in vars(hookspecs).items() if n.startswith("docpipe_") and inspect.isfunction(f)}


# ------------------------------------------------------------------------------------------- hooks
def test_there_are_hooks():
    assert len(hook_functions()) >= 10


@pytest.mark.parametrize("name", sorted(hook_functions()))
def test_every_hookspec_is_documented_with_an_example(name):
    doc = inspect.getdoc(hook_functions()[name]) or ""
    assert len(doc.split()) >= 15, f"{name}: the docstring must say when it is called and what it receives"
    assert "Example::" in doc, f"{name}: the docstring needs an 'Example::' block"
    assert f"def {name}(" in doc.split("Example::", 1)[1], f"{name}: the example must implement the hook"
    assert f"### `{name}`" in page("hooks.md"), f"{name} has no section in docs/hooks.md"


def test_hooks_page_is_generated_from_the_docstrings():
    result = subprocess.run([sys.executable, str(DOCS / "gen_hooks.py"), "--check"], capture_output=True,
                            text=True, cwd=REPO)
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("name", sorted(hook_functions()))
def test_each_hook_example_is_a_valid_hook_implementation(name):
    """Run the docstring example and register it: pluggy checks the name and the arguments."""
    example = inspect.getdoc(hook_functions()[name]).split("Example::", 1)[1]
    namespace: dict[str, object] = {}
    exec("import logging\nimport docpipe\nfrom docpipe import *\nlog = logging.getLogger('x')\n"  # noqa: S102
         + inspect.cleandoc(example), namespace)
    impl = namespace[name]
    pm = pluggy.PluginManager("docpipe")
    pm.add_hookspecs(hookspecs)
    plugin = type("ExamplePlugin", (), {name: staticmethod(impl)})
    pm.register(plugin)
    pm.check_pending()
    assert [c.name for c in pm.get_hookcallers(plugin)] == [name]


# ------------------------------------------------------------------------------------------- API
@pytest.mark.parametrize("name", sorted(docpipe.__all__))
def test_every_public_name_has_a_section_in_the_api_page(name):
    assert f"### `{name}`" in page("api.md"), f"docpipe.{name} is public but not documented in docs/api.md"


def test_testing_helpers_are_in_the_api_page():
    from docpipe import testing

    text = page("api.md")
    missing = [n for n in testing.__all__ if n not in ("CliResult", "RUNTIME_PLUGINS") and f"`{n}(" not in text]
    assert not missing, f"docpipe.testing names not documented in docs/api.md: {missing}"
    assert "docpipe_engine" in text and "docpipe_document" in text


# ------------------------------------------------------------------------------------------- CLI
def _parser() -> argparse.ArgumentParser:
    return build_parser(Engine(autoload=False))


def _subcommands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(action.choices)


def _options(parser: argparse.ArgumentParser) -> list[str]:
    return [opt for a in parser._actions for opt in a.option_strings if opt not in ("-h", "--help")]


def test_every_global_option_is_documented():
    text = page("cli.md")
    missing = [opt for opt in _options(_parser()) if f"`{opt}" not in text]
    assert not missing, f"global options missing from docs/cli.md: {missing}"


@pytest.mark.parametrize("command", ["run", "plugins", "stages", "new-plugin"])
def test_every_flag_of_every_command_is_documented(command):
    text = page("cli.md")
    sub = _subcommands(_parser())[command]
    assert f"## `docpipe {command}`" in text
    section = text.split(f"## `docpipe {command}`", 1)[1].split("\n## ", 1)[0]
    global_options = set(_options(_parser()))  # repeated on every command; documented once, above
    missing = [opt for opt in _options(sub) if opt not in global_options and f"`{opt}" not in section]
    assert not missing, f"docpipe {command}: flags missing from its section of docs/cli.md: {missing}"
    for action in sub._actions:
        if not action.option_strings and action.dest != "help":  # positionals
            assert f"`{action.metavar or action.dest}" in section, f"docpipe {command}: {action.dest} undocumented"


def test_every_builtin_command_has_a_section():
    text = page("cli.md")
    for name in _subcommands(_parser()):
        assert f"## `docpipe {name}`" in text, f"docpipe {name} has no section in docs/cli.md"


@pytest.mark.parametrize("code", list(ExitCode), ids=lambda c: c.name)
def test_every_exit_code_is_in_the_table(code):
    assert re.search(rf"^\| {code.value} \| `{code.name}` \| \S", page("cli.md"), re.M), code


@pytest.mark.parametrize("variable", ["DOCPIPE_PLUGINS", "DOCPIPE_DISABLE_PLUGIN_AUTOLOAD", "DOCPIPE_DEBUG"])
def test_environment_variables_are_documented(variable):
    assert f"| `{variable}` |" in page("cli.md")


# ------------------------------------------------------------------------------------------- model
MODEL_CLASSES = [model.Document, model.Source, model.Paragraph, model.Quote, model.Mention, model.Speaker,
                 model.Span, model.ErrorRecord]


@pytest.mark.parametrize("cls", MODEL_CLASSES, ids=lambda c: c.__name__)
def test_every_model_field_is_documented(cls):
    text = page("document-model.md")
    assert f"## {cls.__name__}" in text
    section = text.split(f"## {cls.__name__}", 1)[1].split("\n## ", 1)[0]
    missing = [f.name for f in attrs.fields(cls) if f"`{f.name}`" not in section]
    assert not missing, f"{cls.__name__} fields missing from docs/document-model.md: {missing}"


def test_every_key_of_the_json_record_is_documented():
    doc = build_document("“Hi,” she said.", quotes=[{"text": "Hi,", "cue": "said", "speaker_mention": "she"}],
                         spans={"g": ["she"]})
    contract = page("document-model.md").split("## The JSON record", 1)[1]
    record = document_to_dict(doc.evolve(errors=[docpipe.ErrorRecord("s", "T", "m")],
                                         speakers=[docpipe.Speaker("X")]))
    keys = set(record) | set(record["quotes"][0]) | set(record["paragraphs"][0]) | set(record["errors"][0]) \
        | set(record["speakers"][0]) | set(record["spans"]["g"][0])
    missing = sorted(k for k in keys if f'"{k}"' not in contract)
    assert not missing, f"JSON keys missing from the contract in docs/document-model.md: {missing}"


def test_every_paragraph_role_is_documented():
    text = page("document-model.md")
    assert all(f"`{role}`" in text for role in model.PARAGRAPH_ROLES)


# ------------------------------------------------------------------------------------------- config
def test_every_configuration_key_is_documented():
    from docpipe import config

    text = page("configuration.md")
    for section, keys in config._SECTIONS.items():
        assert f"## `[{section}]`" in text, section
        part = text.split(f"## `[{section}]`", 1)[1].split("\n## ", 1)[0]
        missing = [k for k in keys if f"| `{k}` |" not in part]
        assert not missing, f"[{section}] keys missing from docs/configuration.md: {missing}"
    for table in config._COMPONENT_TABLES:
        assert f"[{table}.NAME]" in text
