"""docpipe.testing: the helpers plugin authors use must themselves be right."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import types
from importlib.metadata import entry_points

import docpipe
import pytest
from docpipe import Pipeline, StageSpec
from docpipe.errors import PluginLoadError
from docpipe.model import Mention, SpanError
from docpipe.testing import (
    RUNTIME_PLUGINS,
    assert_quote,
    assert_span,
    assert_spans_valid,
    build_document,
    find_text,
    make_engine,
    run_cli,
)
from example_install import plugin_env

TEXT = "Talks resume\n“We will stay,” said Anna Berg. “They told us ‘the door is open’,” she added.\n"


class Shout:
    """A tiny stage object used as a plugin below."""

    name = "shout"

    def process(self, doc):
        return doc.evolve(metadata={**doc.metadata, "shout": doc.text.upper()[:5]})


def _plugin():
    module = types.ModuleType("shout_plugin")

    @docpipe.hookimpl
    def docpipe_register_stages(register):
        register(StageSpec("shout", Shout, description="test stage"))

    module.docpipe_register_stages = docpipe_register_stages
    return module


def test_make_engine_has_only_the_given_plugins(monkeypatch):
    monkeypatch.setenv("DOCPIPE_PLUGINS", "docpipe_builtins.export_csv")  # must be ignored
    engine = make_engine(_plugin())
    names = [r.name for r in engine.plugin_reports]
    assert names == [*RUNTIME_PLUGINS, "shout_plugin"]
    assert engine.registry.stages.names() == ["shout"]
    assert engine.registry.exporters.names() == ["json", "jsonl"]
    # ...and that is enough for a real run.
    [doc] = Pipeline(["shout"], engine=engine).run([build_document("abcdefg")])
    assert doc.metadata["shout"] == "ABCDE"


def test_make_engine_without_runtime_and_with_builtins():
    assert make_engine(_plugin(), runtime=False).registry.executors.names() == []
    full = make_engine(builtins=True)
    assert "local" in full.registry.executors and "summary" in full.registry.exporters


def test_make_engine_reports_a_plugin_that_fails_to_load():
    with pytest.raises(PluginLoadError, match="no_such_module_xyz"):
        make_engine("no_such_module_xyz")


def test_build_document_places_annotations_by_text():
    doc = build_document(TEXT, paragraphs=[("Talks resume", "title"), TEXT.splitlines()[1]], quotes=[
        {"text": "We will stay,", "speaker": "Anna Berg", "speaker_mention": "Anna Berg", "cue": "said"},
        {"text": "They told us ‘the door is open’,", "speaker": "Anna Berg", "speaker_mention": "she"},
        {"text": "the door is open", "nested_in": "q2", "speaker": None},
    ], spans={"names": [("Anna Berg", "person")]}, title="Talks resume")
    assert_spans_valid(doc)
    assert [p.role for p in doc.paragraphs] == ["title", "body"]
    assert [doc.span_text(q) for q in doc.quotes] == ["We will stay,", "They told us ‘the door is open’,",
                                                       "the door is open"]
    assert doc.quotes[1].speaker_mention == Mention("she", TEXT.index("she"), TEXT.index("she") + 3)
    assert assert_quote(doc, "door is open", nested_in="q2").id == "q3"
    assert assert_quote(doc, "We will stay,", exact=True, speaker="Anna Berg", kind="direct").id == "q1"
    assert assert_span(doc, "names", "Anna Berg", label="person").start == TEXT.index("Anna Berg")


def test_build_document_default_paragraphs_are_lines():
    doc = build_document("  one \n\ntwo\n")
    assert [doc.span_text(p) for p in doc.paragraphs] == ["one", "two"]


def test_build_document_rejects_text_that_is_not_there():
    with pytest.raises(ValueError, match="does not occur"):
        build_document("abc", quotes=["xyz"])
    with pytest.raises(SpanError):
        build_document("abc", quotes=[{"text": "b", "nested_in": "q9"}])


def test_assertions_fail_with_useful_messages():
    doc = build_document(TEXT, quotes=[{"text": "We will stay,", "speaker": "Anna Berg"}])
    with pytest.raises(AssertionError, match="(?s)no quote covers 'absent'.*q1: 'We will stay,'"):
        assert_quote(doc, "absent")
    with pytest.raises(AssertionError, match="none has speaker='Tom Ray'"):
        assert_quote(doc, "We will stay", speaker="Tom Ray")
    with pytest.raises(AssertionError, match="no span group 'names'"):
        assert_span(doc, "names", "Anna Berg")
    doc = build_document(TEXT, spans={"names": ["Anna Berg"]})
    with pytest.raises(AssertionError, match=r"spans found: \[\('Anna Berg', ''\)\]"):
        assert_span(doc, "names", "Anna Berg", label="person")


def test_assert_spans_valid_catches_a_broken_document():
    doc = build_document(TEXT)
    broken = doc.evolve(quotes=())
    object.__setattr__(broken, "quotes", (docpipe.Quote("q1", 5, 999),))  # bypass validation on purpose
    with pytest.raises(SpanError, match="outside the text"):
        assert_spans_valid(broken)


def test_find_text():
    assert find_text("a b a", "a", 1) == (4, 5)


def test_run_cli_captures_output_exit_code_and_stdin(tmp_path):
    env = {"DOCPIPE_DISABLE_PLUGIN_AUTOLOAD": "1"}
    ok = run_cli(["run", "-", "--stages", ""], stdin="Title\nBody.\n", env=env)
    assert ok.exit_code == 0 and ok.records[0]["title"] == "Title" and "1 documents" in ok.stderr
    missing = run_cli(f"run {tmp_path / 'missing.txt'} --stages ''", env=env)
    assert missing.exit_code == 1 and "no such file" in missing.stderr
    usage = run_cli(["run"], env=env)
    assert usage.exit_code == 2
    assert run_cli(["--version"]).stdout.strip() == f"docpipe {docpipe.__version__}"
    assert isinstance(run_cli(["plugins", "--json"], env=env).json, list)


def test_the_pytest_fixtures(tmp_path):
    """The fixtures work in a plugin author's own pytest run (as a pytest11 plugin or with -p)."""
    (tmp_path / "test_fixtures.py").write_text(textwrap.dedent('''
        import docpipe, pytest
        from docpipe import StageSpec

        class Upper:
            name = "upper"
            def process(self, doc):
                return doc.evolve(metadata={"upper": doc.text.upper()})

        class Plugin:
            @docpipe.hookimpl
            def docpipe_register_stages(self, register):
                register(StageSpec("upper", Upper))

        def test_default_engine_has_the_builtins(docpipe_engine):
            assert "local" in docpipe_engine.registry.executors
            assert "upper" not in docpipe_engine.registry.stages

        @pytest.mark.docpipe_plugins(Plugin())
        def test_marker_chooses_plugins(docpipe_engine, docpipe_document):
            doc = docpipe_engine.build_stage("upper").process(docpipe_document("abc", quotes=["b"]))
            assert doc.metadata["upper"] == "ABC" and doc.quotes[0].start == 1
    '''), encoding="utf-8")
    registered = any(ep.value == "docpipe.testing" for ep in entry_points(group="pytest11"))
    args = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--strict-markers"]
    if not registered:
        args += ["-p", "docpipe.testing"]
    result = subprocess.run(args, cwd=tmp_path, env=plugin_env(None), capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    assert "2 passed" in result.stdout
