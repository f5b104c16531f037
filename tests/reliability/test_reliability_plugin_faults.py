"""Guarantee: a faulty third-party stage is isolated (docs/guarantees.md, "Plugin faults").

Every test runs the real ``docpipe`` command in a subprocess with the real plugin module
``tests/plugins/dp_test_faulty_stages.py`` loaded by ``-p``. The faulty stage misbehaves only on
documents containing ``BOOM``: those get one error record naming the stage and the plugin; the
other documents go through every stage (the ``upper`` stage of ``dp_test_upper_stage`` runs after
the faulty one and must still tag them).

A plugin that fails to *load* is reported and skipped: tests/core/test_core_plugins.py::
test_plugin_that_fails_to_import_is_reported_and_skipped and tests/core/test_core_cli.py::
test_plugins_json_lists_builtins_with_hooks_and_failed_plugins.
"""

from __future__ import annotations

import pytest
from docpipe.cli.main import main
from docpipe.errors import ExitCode
from reliability_helpers import cli, records, write_articles

PLUGIN = "dp_test_faulty_stages"

# stage -> (exception type in the record, extra CLI options, fragment of the message)
FAULTS = {
    "raising": ("RuntimeError", (), "blew up on purpose"),
    "hanging": ("StageTimeout", ("--timeout", "1"), "took longer than 1 s"),
    "spinning": ("StageTimeout", ("--timeout", "1"), "took longer than 1 s"),
    "not_a_document": ("TypeError", (), "returned dict, not a Document"),
    "rewriter": ("SpanError", (), "rewrote the document text"),
    "bad_spans": ("SpanError", (), "outside the text"),
    "quote_flood": ("TooManyQuotes", ("--max-quotes", "10"), "over the limit of 10"),
}


def _run_fault(tmp_path, stage: str, jobs: int, extra: tuple[str, ...]):
    folder = tmp_path / "in"
    write_articles(folder, 6, marker_every=3)  # doc0 and doc3 contain BOOM
    config = tmp_path / "pipeline.toml"
    config.write_text(f'[stages.{stage}]\nmarker = "BOOM"\n', encoding="utf-8")
    return cli("-p", PLUGIN, "-p", "dp_test_upper_stage", "run", str(folder), "--config", str(config),
               "--stages", f"{stage},upper", "-j", str(jobs), *extra, timeout=120)


@pytest.mark.parametrize(("stage", "jobs"), [
    *[(stage, 1) for stage in FAULTS],
    ("hanging", 2), ("spinning", 2), ("quote_flood", 2),  # -j 2: the timeout in a worker process, and transport
])
def test_faulty_stage_gives_one_error_record_naming_stage_and_plugin(tmp_path, stage, jobs):
    error_type, extra, fragment = FAULTS[stage]
    result = _run_fault(tmp_path, stage, jobs, extra)
    stderr = result.stderr.decode()
    assert result.returncode == ExitCode.DOCUMENTS_FAILED, stderr
    out = records(result.stdout)
    assert [r["source"].rsplit("/", 1)[-1] for r in out] == [f"doc{i:05d}.txt" for i in range(6)]
    for i, record in enumerate(out):
        if i % 3 == 0:
            (error,) = record["errors"]
            assert error["stage"] == stage
            assert error["type"] == error_type
            assert fragment in error["message"]
            assert f"[plugin {PLUGIN}]" in error["message"]
            assert "upper" not in record.get("spans", {})  # a failed document skips later stages
            assert record["text"].startswith("Story number")  # and keeps its text
            assert record["quotes"] == []  # the faulty stage's annotations are not kept
        else:
            assert record["errors"] == []
            assert record["spans"]["upper"] == []  # the next stage ran ("upper" found no capitals)
    assert "2 failed" in stderr and "6 documents" in stderr
    assert stderr.count(f"{stage} failed") == 2
    assert "Traceback" not in stderr


def test_a_stage_that_kills_its_worker_process_costs_one_error_record(tmp_path):
    """With -j 2 a worker that dies (os._exit, a segfault) is replaced; only its document fails.

    (With -j 1 the stage runs in the docpipe process itself, so nothing can survive it: use -j 2 or
    more for plugins that may crash. The executor's own tests cover the restart logic in depth.)
    """
    result = _run_fault(tmp_path, "exiting", 2, ())
    out = records(result.stdout)
    assert result.returncode == ExitCode.DOCUMENTS_FAILED, result.stderr.decode()
    assert len(out) == 6
    failed = [i for i, r in enumerate(out) if r["errors"]]
    assert failed == [0, 3]
    for i in failed:
        assert out[i]["errors"][0]["type"] == "WorkerCrashed"
    assert all(r["spans"]["upper"] == [] for i, r in enumerate(out) if i not in failed)


def test_timeout_from_the_config_file(tmp_path):
    folder = tmp_path / "in"
    write_articles(folder, 2, marker_every=2)
    config = tmp_path / "pipeline.toml"
    config.write_text('[pipeline]\ntimeout = 0.5\n[stages.hanging]\nmarker = "BOOM"\n', encoding="utf-8")
    result = cli("-p", PLUGIN, "run", str(folder), "--config", str(config), "--stages", "hanging")
    out = records(result.stdout)
    assert [bool(r["errors"]) for r in out] == [True, False]
    assert out[0]["errors"][0]["type"] == "StageTimeout"
    assert "0.5 s" in out[0]["errors"][0]["message"]


def test_bad_option_values_are_usage_errors(tmp_path, capsys):
    """In-process through the real argparse front end (a subprocess per value would only add start-up time)."""
    path = write_articles(tmp_path / "in", 1)[0]
    for option, value in (("--timeout", "0"), ("--timeout", "-3"), ("--max-quotes", "-1"),
                          ("--max-document-bytes", "-1"), ("--timeout", "soon")):
        code = main(["run", str(path), "--stages", "", option, value])
        assert code == ExitCode.USAGE_ERROR, (option, value)
        err = capsys.readouterr().err
        assert option in err and "Traceback" not in err
