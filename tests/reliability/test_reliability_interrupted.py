"""Guarantee: an interrupted run never leaves a corrupt output, and ``--resume`` completes it
(docs/guarantees.md, "Interrupted runs").

Real subprocesses and real signals: a run over 800 small documents written by the test, slowed
down by the ``slow`` stage of tests/plugins/dp_test_faulty_stages.py so the signal lands mid-run
(the test checks the process was still running and had started writing).

* SIGKILL: the target is absent (or still the previous complete file, byte for byte); only the
  exporter's hidden temporary sibling (``.NAME.XXXX.tmp``) may remain.
* SIGINT (Ctrl-C): the CLI commits the records written so far: a valid, complete JSONL file.
* ``--resume`` then finishes the run, and its output equals an uninterrupted run's, byte for byte.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from reliability_helpers import cli, docpipe_env, write_articles

DOCS = 800
STAGES = "quotes,slow,dedup"
PLUGIN = ("-p", "dp_test_faulty_stages")


def _config(tmp_path: Path) -> Path:
    config = tmp_path / "pipeline.toml"
    config.write_text("[stages.slow]\nseconds = 0.004\n", encoding="utf-8")
    return config


def _default_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _start(folder: Path, out: Path, config: Path, *extra: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "docpipe", *PLUGIN, "run", str(folder), "-o", str(out), "--config", str(config),
         "--stages", STAGES, "--no-progress", *extra],
        env=docpipe_env(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True,
        # A shell starts background jobs with SIGINT ignored, and children inherit that: give docpipe
        # the default disposition, as in a terminal, so Python installs its Ctrl-C handler.
        preexec_fn=_default_sigint,  # noqa: PLW1509 - the test starts no threads before this
    )


def _wait_until_writing(proc: subprocess.Popen, out: Path, timeout: float = 90) -> None:
    """Block until the exporter's temporary file holds some records (the run is mid-way)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert proc.poll() is None, "the run finished before the signal: make it slower"
        temps = [p for p in out.parent.glob(f".{out.name}.*")] if out.parent.exists() else []
        try:
            if any(p.stat().st_size > 20_000 for p in temps):
                return
        except FileNotFoundError:
            pass
        time.sleep(0.05)
    raise AssertionError("the run never started writing")


def _reap(proc: subprocess.Popen) -> None:
    proc.wait(timeout=60)
    # Worker processes of the killed driver, if any: end the whole session we started.
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    proc.stderr.close()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """The input folder, the pipeline file, and the output of an uninterrupted run over them."""
    base = tmp_path_factory.mktemp("interrupted")
    folder = base / "in"
    write_articles(folder, DOCS)
    config = _config(base)
    ref = base / "reference.jsonl"
    result = cli(*PLUGIN, "run", str(folder), "-o", str(ref), "--config", str(config), "--stages", STAGES,
                 timeout=300)
    assert result.returncode == 0, result.stderr.decode()
    return folder, config, ref.read_bytes()


@pytest.mark.slow
def test_sigkill_leaves_no_partial_output_and_resume_equals_an_uninterrupted_run(tmp_path, corpus):
    folder, config, reference = corpus
    jobs = "2"
    out = tmp_path / "out" / "result.jsonl"
    proc = _start(folder, out, config, "-j", jobs)
    _wait_until_writing(proc, out)
    proc.send_signal(signal.SIGKILL)
    _reap(proc)
    assert not out.exists()  # never a half-written target
    assert all(p.name.startswith(".result.jsonl.") for p in out.parent.iterdir())

    resumed = cli(*PLUGIN, "run", str(folder), "-o", str(out), "--config", str(config), "--stages", STAGES,
                  "-j", jobs, "--resume", timeout=300)
    assert resumed.returncode == 0, resumed.stderr.decode()
    assert out.read_bytes() == reference


@pytest.mark.slow
def test_sigkill_keeps_the_previous_complete_output_byte_for_byte(tmp_path, corpus):
    folder, config, _reference = corpus
    out = tmp_path / "result.jsonl"
    first = cli("run", str(folder / "doc00000.txt"), "-o", str(out), timeout=120)
    assert first.returncode == 0
    previous = out.read_bytes()
    proc = _start(folder, out, config)
    _wait_until_writing(proc, out)
    proc.send_signal(signal.SIGKILL)
    _reap(proc)
    assert out.read_bytes() == previous


@pytest.mark.slow
def test_sigint_commits_complete_records_and_resume_finishes_the_run(tmp_path, corpus):
    folder, config, reference = corpus
    out = tmp_path / "result.jsonl"
    proc = _start(folder, out, config)
    _wait_until_writing(proc, out)
    os.killpg(proc.pid, signal.SIGINT)  # Ctrl-C reaches the whole process group
    proc.wait(timeout=60)
    stderr = proc.stderr.read().decode()
    _reap(proc)
    assert proc.returncode == 130, stderr
    partial = out.read_bytes()
    assert partial.endswith(b"\n")
    written = [json.loads(line) for line in partial.splitlines()]  # every line is a complete record
    assert 0 < len(written) < DOCS

    resumed = cli(*PLUGIN, "run", str(folder), "-o", str(out), "--config", str(config), "--stages", STAGES,
                  "--resume", timeout=300)
    assert resumed.returncode == 0, resumed.stderr.decode()
    assert f"kept {len(written)} records" in resumed.stderr.decode()
    assert out.read_bytes() == reference


@pytest.mark.slow
@pytest.mark.parametrize("suffix", [".json", ".html", ".xml", ".sqlite"])
def test_sigkill_never_leaves_a_half_written_file_in_other_formats(tmp_path, suffix):
    folder = tmp_path / "in"
    write_articles(folder, 400)
    config = tmp_path / "pipeline.toml"
    config.write_text("[stages.slow]\nseconds = 0.02\n", encoding="utf-8")
    out = tmp_path / f"result{suffix}"
    proc = _start(folder, out, config)
    time.sleep(2.5)  # these exporters may hold everything until the end: kill after a few seconds of work
    assert proc.poll() is None, "the run finished before the kill"
    proc.send_signal(signal.SIGKILL)
    _reap(proc)
    if out.exists():  # only a complete file may be there; an SQLite database must pass its integrity check
        assert suffix == ".sqlite"
        with sqlite3.connect(out) as db:
            assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith("result")] in ([], ["result.sqlite"])
