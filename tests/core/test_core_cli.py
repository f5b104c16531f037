"""The `docpipe` command, run as a real subprocess."""

from __future__ import annotations

import json

from docpipe.errors import ExitCode


def _records(stdout: bytes) -> list[dict]:
    return [json.loads(line) for line in stdout.decode("utf-8").splitlines() if line.strip()]


def test_version(docpipe_cli):
    result = docpipe_cli("--version")
    assert result.returncode == 0 and result.stdout.decode().startswith("docpipe ")


def test_folder_with_good_missing_and_binary_inputs(tmp_path, docpipe_cli):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text("A headline\nThe body says little.\n", encoding="utf-8")
    (folder / "blob.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    missing = tmp_path / "missing.txt"
    result = docpipe_cli("run", str(folder), str(missing), "--stages", "")
    assert result.returncode == ExitCode.DOCUMENTS_FAILED
    records = _records(result.stdout)
    by_source = {r["source"]: r for r in records}
    assert set(by_source) == {str(folder / "blob.txt"), str(folder / "good.txt"), str(missing)}
    assert by_source[str(folder / "good.txt")]["errors"] == []
    assert by_source[str(folder / "good.txt")]["title"] == "A headline"
    assert by_source[str(folder / "blob.txt")]["errors"][0]["stage"] == "ingest"
    assert "binary" in by_source[str(folder / "blob.txt")]["errors"][0]["message"]
    assert by_source[str(missing)]["errors"][0]["type"] == "FileNotFoundError"
    stderr = result.stderr.decode()
    assert f"{folder / 'blob.txt'}: ingest failed: binary" in stderr
    assert f"{missing}: ingest failed: no such file" in stderr
    assert "Traceback" not in stderr
    assert "3 documents" in stderr and "2 failed" in stderr


def test_output_format_is_inferred_from_the_suffix_and_written_atomically(tmp_path, docpipe_cli, briefing_path):
    out = tmp_path / "out" / "result.json"
    result = docpipe_cli("run", str(briefing_path), "-o", str(out), "--stages", "")
    assert result.returncode == 0, result.stderr
    data = json.loads(out.read_text(encoding="utf-8"))
    assert isinstance(data, list) and data[0]["title"].startswith("Foreign Ministry")
    assert [p.name for p in out.parent.iterdir()] == ["result.json"]  # no temporary file left behind


def test_stdin_input(docpipe_cli):
    result = docpipe_cli("run", "-", "--stages", "", input=b"Title from stdin\nBody line.\n")
    assert result.returncode == 0, result.stderr
    (record,) = _records(result.stdout)
    assert record["source"] == "-" and record["title"] == "Title from stdin"


def test_usage_errors_exit_2_without_traceback(tmp_path, docpipe_cli, briefing_path):
    for args, fragment in [
        (("run", str(briefing_path), "--stages", "nosuchstage"), "unknown stage 'nosuchstage'"),
        (("run", str(briefing_path), "--to", "nosuchformat"), "unknown exporter 'nosuchformat'"),
        (("run", str(briefing_path), "--config", str(tmp_path / "none.toml")), "configuration file not found"),
        (("run",), "the following arguments are required"),
        (("run", str(briefing_path), "-j", "0"), "-j must be at least 1"),
    ]:
        result = docpipe_cli(*args)
        stderr = result.stderr.decode()
        assert result.returncode == ExitCode.USAGE_ERROR, (args, stderr)
        assert fragment in stderr and "Traceback" not in stderr


def test_debug_shows_the_traceback(docpipe_cli, briefing_path):
    result = docpipe_cli("--debug", "run", str(briefing_path), "--stages", "nosuchstage")
    assert result.returncode == ExitCode.USAGE_ERROR
    assert "Traceback" in result.stderr.decode()


def test_plugins_json_lists_builtins_with_hooks_and_failed_plugins(docpipe_cli):
    result = docpipe_cli("-p", "dp_test_broken_import", "plugins", "--json")
    assert result.returncode == 0, result.stderr
    reports = {r["name"]: r for r in json.loads(result.stdout)}
    assert reports["docpipe.text"]["hooks"] == ["docpipe_register_readers"]
    assert "reader:text" in reports["docpipe.text"]["registers"]
    assert reports["docpipe.local"]["registers"] == ["executor:local"]
    assert reports["dp_test_broken_import"]["status"] == "failed"
    assert "warning: plugin 'dp_test_broken_import' failed to load" in result.stderr.decode()


def test_strict_plugins_exit_4(docpipe_cli):
    result = docpipe_cli("--strict-plugins", "-p", "dp_test_broken_import", "plugins")
    assert result.returncode == ExitCode.PLUGIN_LOAD_ERROR
    assert "dp_test_broken_import" in result.stderr.decode()


def test_a_builtin_stage_is_replaced_from_the_command_line(tmp_path, docpipe_cli):
    src = tmp_path / "a.txt"
    src.write_text('Headline\nShe said "we will win" loudly.\n', encoding="utf-8")
    result = docpipe_cli("-p", "no:docpipe.quotes", "-p", "dp_test_replacement_quotes", "run", str(src),
                         "--stages", "quotes")
    assert result.returncode == 0, result.stderr
    (record,) = _records(result.stdout)
    assert record["metadata"]["quotes_by"] == "naive"
    assert [q["text"] for q in record["quotes"]] == ["we will win"]


def test_blocking_a_builtin_from_the_command_line_removes_it(docpipe_cli, briefing_path):
    result = docpipe_cli("-p", "no:docpipe.export_summary", "run", str(briefing_path), "--stages", "", "--to",
                         "summary")
    assert result.returncode == ExitCode.USAGE_ERROR
    assert "unknown exporter 'summary'" in result.stderr.decode()


def test_stages_command_lists_registered_components(docpipe_cli):
    result = docpipe_cli("-p", "dp_test_upper_stage", "stages", "--json")
    assert result.returncode == 0, result.stderr
    listing = json.loads(result.stdout)
    upper = next(s for s in listing["stages"] if s["name"] == "upper")
    assert upper == {"name": "upper", "description": "tag upper-case words", "plugin": "dp_test_upper_stage"}
    assert any(r["name"] == "text" and ".txt" in r["suffixes"] for r in listing["readers"])


def test_parallel_run_gives_the_same_output_as_serial(tmp_path, docpipe_cli):
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(12):
        (folder / f"doc{i:02d}.txt").write_text(f"Headline {i}\nNATO said {i} things.\n", encoding="utf-8")
    serial = docpipe_cli("-p", "dp_test_upper_stage", "run", str(folder), "--stages", "upper")
    parallel = docpipe_cli("-p", "dp_test_upper_stage", "run", str(folder), "--stages", "upper", "-j", "2")
    assert serial.returncode == parallel.returncode == 0, parallel.stderr
    assert serial.stdout == parallel.stdout
    assert len(_records(serial.stdout)) == 12


def test_fail_fast_stops_after_the_first_failure_and_keeps_its_record(tmp_path, docpipe_cli):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("First\nfine.\n", encoding="utf-8")
    (folder / "b.txt").write_bytes(b"\x00\x01\x02binary")
    (folder / "c.txt").write_text("Third\nnever read.\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = docpipe_cli("run", str(folder), "-o", str(out), "--stages", "", "--fail-fast")
    assert result.returncode == ExitCode.DOCUMENTS_FAILED, result.stderr
    assert "stopped at the first failure" in result.stderr.decode()
    sources = [json.loads(line)["source"] for line in out.read_text().splitlines()]
    assert sources == [str(folder / "a.txt"), str(folder / "b.txt")]


def test_plugins_named_in_the_pipeline_file_are_loaded_and_blocked(tmp_path, docpipe_cli, briefing_path):
    cfg = tmp_path / "pipe.toml"
    cfg.write_text('[pipeline]\nstages = ["upper"]\n[plugins]\nload = ["dp_test_upper_stage"]\n'
                   'block = ["docpipe.export_summary"]\n', encoding="utf-8")
    result = docpipe_cli("run", str(briefing_path), "--config", str(cfg))
    assert result.returncode == 0, result.stderr
    (record,) = _records(result.stdout)
    assert "CCS" in [record["text"][s["start"]:s["end"]] for s in record["spans"]["upper"]]
    blocked = docpipe_cli("run", str(briefing_path), "--config", str(cfg), "--to", "summary")
    assert blocked.returncode == ExitCode.USAGE_ERROR and "unknown exporter 'summary'" in blocked.stderr.decode()


def test_process_text_reads_like_the_text_reader(briefing_text):
    from docpipe import Engine, Pipeline

    pipeline = Pipeline([], engine=Engine(autoload=False))
    doc = pipeline.process_text(briefing_text, id="briefing")
    assert doc.id == "briefing"
    assert doc.title == "Foreign Ministry: Kazakhstan did not recognize Taliban"
    assert [p.role for p in doc.paragraphs][-2:] == ["boilerplate", "boilerplate"]
    assert doc.text == briefing_text
