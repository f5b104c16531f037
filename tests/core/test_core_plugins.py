"""Plugin loading, blocking, replacement, failures, entry points and lifecycle hooks."""

from __future__ import annotations

import json
import textwrap

import pytest

import docpipe
from docpipe import Engine, Pipeline, RegistrationError, StageSpec
from docpipe.errors import PluginLoadError
from docpipe_builtins import BUILTIN_PLUGINS


def _report(engine, name):
    return next(r for r in engine.plugin_reports if r.name == name)


def test_builtin_plugins_load_by_module_path_and_report_their_hooks():
    engine = Engine(autoload=False)
    for name, module in BUILTIN_PLUGINS:
        report = _report(engine, name)
        assert report.source == "builtin"
        assert report.module == module
    text = _report(engine, "docpipe.text")
    assert text.status == "loaded" and text.hooks == ["docpipe_register_readers"]
    assert "text" in engine.registry.readers
    assert engine.registry.readers.owner["text"] == "docpipe.text"


def test_no_global_state_two_engines_are_independent():
    with_upper = Engine(plugins=["dp_test_upper_stage"], autoload=False)
    without = Engine(autoload=False)
    assert "upper" in with_upper.registry.stages
    assert "upper" not in without.registry.stages
    assert with_upper.pm is not without.pm


def test_blocking_a_builtin_with_no_prefix_removes_its_components():
    engine = Engine(plugins=["no:docpipe.text"], autoload=False)
    assert _report(engine, "docpipe.text").status == "blocked"
    assert "text" not in engine.registry.readers


def test_a_plugin_can_replace_a_blocked_builtin_stage(tmp_path):
    engine = Engine(plugins=["no:docpipe.quotes", "dp_test_replacement_quotes"], autoload=False)
    assert engine.registry.stages.owner["quotes"] == "dp_test_replacement_quotes"
    doc = Pipeline(["quotes"], engine=engine).process_text('He said "hello there" today.')
    assert doc.metadata["quotes_by"] == "naive"
    assert [doc.span_text(q) for q in doc.quotes] == ["hello there"]


def test_two_plugins_registering_one_name_is_an_error_naming_both():
    class AnotherUpper:
        name = "another-upper-plugin"

        @docpipe.hookimpl
        def docpipe_register_stages(self, register):
            register(StageSpec("upper", object, description="clashes with dp_test_upper_stage"))

    engine = Engine(plugins=["dp_test_upper_stage"], objects=[AnotherUpper()], builtins=False, autoload=False)
    with pytest.raises(RegistrationError) as info:
        engine.registry  # noqa: B018
    assert "dp_test_upper_stage" in str(info.value) and "another-upper-plugin" in str(info.value)


def test_duplicate_names_between_two_object_plugins():
    class A:
        @docpipe.hookimpl
        def docpipe_register_stages(self, register):
            register(StageSpec("same", object))

    class B(A):
        pass

    engine = Engine(objects=[A(), B()], builtins=False, autoload=False)
    with pytest.raises(RegistrationError, match="registered by two plugins"):
        engine.registry  # noqa: B018


def test_plugin_that_fails_to_import_is_reported_and_skipped():
    engine = Engine(plugins=["dp_test_broken_import"], autoload=False)
    report = _report(engine, "dp_test_broken_import")
    assert report.status == "failed"
    assert "ImportError" in report.error and "not installed" in report.error
    # the rest still works
    doc = Pipeline([], engine=engine).process_text("Still works.")
    assert doc.text == "Still works."


def test_strict_mode_makes_a_load_failure_fatal():
    with pytest.raises(PluginLoadError, match="dp_test_broken_import"):
        Engine(plugins=["dp_test_broken_import"], autoload=False, strict=True)


def test_hookimpl_with_default_argument_is_refused():
    engine = Engine(plugins=["dp_test_default_arg"], autoload=False)
    report = _report(engine, "dp_test_default_arg")
    assert report.status == "failed" and "default" in report.error
    engine.registry  # the refused plugin is not called  # noqa: B018


def test_misspelled_hook_name_is_reported():
    class Typo:
        @docpipe.hookimpl
        def docpipe_register_stagez(self, register):
            pass

    engine = Engine(objects=[Typo()], builtins=False, autoload=False)
    report = engine.plugin_reports[-1]
    assert report.status == "failed" and "docpipe_register_stagez" in report.error


def _make_dist(site, dist_name, module_name, entry_name, body):
    (site / f"{module_name}.py").write_text(textwrap.dedent(body), encoding="utf-8")
    info = site / f"{dist_name}-1.2.3.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {dist_name}\nVersion: 1.2.3\n", encoding="utf-8")
    (info / "entry_points.txt").write_text(f"[docpipe]\n{entry_name} = {module_name}\n", encoding="utf-8")
    (info / "RECORD").write_text("", encoding="utf-8")


def test_entry_point_plugin_is_listed_and_used(tmp_path, monkeypatch):
    _make_dist(tmp_path, "dp_ep_demo", "dp_ep_demo_mod", "epdemo", """
        import docpipe
        from docpipe import StageSpec

        class Shout:
            name = "shout"
            def process(self, doc):
                return doc.evolve(metadata={**doc.metadata, "shouted": doc.text.upper()})

        @docpipe.hookimpl
        def docpipe_register_stages(register):
            register(StageSpec("shout", Shout, description="upper-case copy in metadata"))
    """)
    _make_dist(tmp_path, "dp_ep_broken", "dp_ep_broken_mod", "epbroken", "raise RuntimeError('boom at import')\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.delenv("DOCPIPE_DISABLE_PLUGIN_AUTOLOAD", raising=False)
    engine = Engine()
    demo = _report(engine, "epdemo")
    assert (demo.status, demo.source, demo.version, demo.hooks) == (
        "loaded", "entry point", "1.2.3", ["docpipe_register_stages"])
    broken = _report(engine, "epbroken")
    assert broken.status == "failed" and "boom at import" in broken.error
    doc = Pipeline(["shout"], engine=engine).process_text("quiet words")
    assert doc.metadata["shouted"] == "QUIET WORDS"
    # autoload disabled by environment: only built-ins
    monkeypatch.setenv("DOCPIPE_DISABLE_PLUGIN_AUTOLOAD", "1")
    assert not any(r.name == "epdemo" for r in Engine().plugin_reports)
    # blocked by name
    assert _report(Engine(plugins=["no:epdemo"], autoload=True), "epdemo").status == "blocked"


def test_docpipe_plugins_env_var_loads_modules(monkeypatch):
    monkeypatch.setenv("DOCPIPE_PLUGINS", "dp_test_upper_stage")
    monkeypatch.delenv("DOCPIPE_DISABLE_PLUGIN_AUTOLOAD", raising=False)
    engine = Engine()
    assert _report(engine, "dp_test_upper_stage").source == "DOCPIPE_PLUGINS"
    assert "upper" in engine.registry.stages


def test_lifecycle_hooks_fire_once_per_run_and_per_failed_document(tmp_path, monkeypatch):
    events = tmp_path / "events.jsonl"
    monkeypatch.setenv("DP_TEST_EVENTS", str(events))
    good = tmp_path / "good.txt"
    good.write_text("Title\nBody text.\n", encoding="utf-8")
    sniffed = tmp_path / "noext"
    sniffed.write_bytes(b"DPTEXT sniffed\nby the test plugin\n")
    engine = Engine(plugins=["dp_test_lifecycle", "dp_test_upper_stage"], autoload=False)
    docs = list(Pipeline(["upper"], engine=engine).run([good, sniffed, tmp_path / "missing.txt"]))
    assert [d.failed for d in docs] == [False, False, True]
    log = [json.loads(line) for line in events.read_text().splitlines()]
    kinds = [e["event"] for e in log]
    assert kinds[0] == "run_start" and kinds[-1] == "run_finish"
    assert kinds.count("document_failed") == 1
    assert log[-1] == {"event": "run_finish", "documents": 3, "failed": 1, "status": "failed"}
    assert {e["stage"] for e in log if e["event"] == "stage_complete"} >= {"ingest", "upper"}
    assert docs[1].source.format == "text"  # chosen by the first-result hook from the content


def test_plugin_commands_appear_in_the_cli(docpipe_cli):
    result = docpipe_cli("-p", "dp_test_command", "hello", "--name", "tester")
    assert result.returncode == 0, result.stderr
    assert result.stdout.decode().strip() == "hello tester"
