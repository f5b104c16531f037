"""Ctrl-C and ``--resume`` with real subprocesses and a real SIGINT.

A run is interrupted with SIGINT sent to its whole process group (what Ctrl-C in a
terminal does), must exit 130 and leave a complete JSONL output that is a prefix of an
uninterrupted run's; ``--resume`` then completes it, and the result equals the
uninterrupted output byte for byte, cross-document duplicate links included (the
duplicates sit after the interruption point, their originals before it).
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from docpipe.engine import Engine

REPO = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.slow  # real subprocess runs of the whole pipeline
TOTAL = 48


def _env() -> dict:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(REPO / "core"), str(REPO / "plugins"),
                                         str(REPO / "tests" / "plugins"), env.get("PYTHONPATH", "")])
    return env


def _stages() -> str:
    registered = Engine().registry.stages
    return ",".join(["slow", *[s for s in ("quotes", "dedup") if s in registered]])


def _command(corpus: Path, out: Path, config: Path, *extra: str) -> list[str]:
    return [sys.executable, "-m", "docpipe", "-p", "dp_test_faulty_stages", "run", str(corpus), "-o", str(out),
            "--config", str(config), "--stages", _stages(), "--no-progress", *extra]


def _config(path: Path, seconds: float) -> Path:
    path.write_text(f"[stages.slow]\nseconds = {seconds}\n", encoding="utf-8")
    return path


def _write_corpus(folder: Path) -> None:
    folder.mkdir()
    for i in range(TOTAL):
        if i >= TOTAL - 4:  # late exact copies of early stories: dedup must link across the resume point
            text = (folder / f"s{i - (TOTAL - 4):03d}.txt").read_text(encoding="utf-8")
        else:
            text = (f"Story {i}: the ferry to Karsholm ran {i} minutes late\n\n"
                    f"\"We apologise to the {i * 3} passengers,\" said the harbour master, Ms Brandt.\n\n"
                    f"Repairs to engine number {i % 5} are planned for week {i + 10}, officials said.\n")
        (folder / f"s{i:03d}.txt").write_text(text, encoding="utf-8")


@pytest.fixture(scope="module")
def setup(tmp_path_factory):
    base = tmp_path_factory.mktemp("resume")
    corpus = base / "corpus"
    _write_corpus(corpus)
    fast = _config(base / "fast.toml", 0.0)
    slow = _config(base / "slow.toml", 0.15)
    reference = base / "reference.jsonl"
    done = subprocess.run(_command(corpus, reference, fast, "-q"), env=_env(), capture_output=True, timeout=180)
    # 0, or 1 when a stage under development fails some documents: equality is what is tested.
    assert done.returncode in (0, 1), done.stderr.decode()
    return base, corpus, fast, slow, reference.read_bytes()


def _interrupt(corpus: Path, out: Path, config: Path, *extra: str) -> subprocess.CompletedProcess:
    """Start a slow run, wait until it has produced output, then Ctrl-C its process group."""
    proc = subprocess.Popen(_command(corpus, out, config, *extra), env=_env(), stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, start_new_session=True)
    deadline = time.monotonic() + 120
    try:
        # The exporter writes to a hidden temporary file beside the target (renamed on commit);
        # once some of it has reached the disk, documents are done and more are in progress.
        while time.monotonic() < deadline and proc.poll() is None:
            if any(p.stat().st_size > 0 for p in out.parent.glob(f".{out.name}.*.tmp")):
                break
            time.sleep(0.05)
        assert proc.poll() is None, "the run finished before it could be interrupted"
        os.killpg(proc.pid, signal.SIGINT)
        stdout, stderr = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    return subprocess.CompletedProcess(proc.args, proc.returncode, stdout, stderr)


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_ctrl_c_keeps_complete_records_and_resume_finishes_identically(setup, jobs):
    base, corpus, fast, slow, reference = setup
    out = base / f"interrupted-j{jobs}.jsonl"
    interrupted = _interrupt(corpus, out, slow, "-j", jobs)
    assert interrupted.returncode == 130, interrupted.stderr.decode()
    assert b"interrupted after" in interrupted.stderr
    assert b"Traceback" not in interrupted.stderr  # workers ignore SIGINT; the driver stops cleanly

    partial = out.read_bytes()
    lines = partial.splitlines(keepends=True)
    assert 0 < len(lines) < TOTAL
    assert partial == b"".join(reference.splitlines(keepends=True)[: len(lines)])  # a clean prefix
    assert not list(base.glob(f".{out.name}.*.tmp"))  # no temporary file left behind

    resumed = subprocess.run(_command(corpus, out, fast, "--resume", "-j", jobs), env=_env(),
                             capture_output=True, timeout=180)
    assert resumed.returncode in (0, 1), resumed.stderr.decode()
    assert f"kept {len(lines)} records".encode() in resumed.stderr
    assert out.read_bytes() == reference


def test_resume_redoes_a_half_written_last_record(setup):
    base, corpus, fast, _, reference = setup
    out = base / "torn.jsonl"
    lines = reference.splitlines(keepends=True)
    out.write_bytes(b"".join(lines[:10]) + lines[10][: len(lines[10]) // 2])
    resumed = subprocess.run(_command(corpus, out, fast, "--resume"), env=_env(), capture_output=True, timeout=180)
    assert resumed.returncode in (0, 1), resumed.stderr.decode()
    assert b"kept 10 records" in resumed.stderr
    assert out.read_bytes() == reference


def test_resume_without_previous_output_is_a_full_run(setup):
    base, corpus, fast, _, reference = setup
    out = base / "fresh.jsonl"
    resumed = subprocess.run(_command(corpus, out, fast, "--resume", "-q"), env=_env(), capture_output=True,
                             timeout=180)
    assert resumed.returncode in (0, 1), resumed.stderr.decode()
    assert out.read_bytes() == reference


def test_resume_keeps_the_previous_records_verbatim(setup):
    """Restored records are not processed again: a marker put into the old output survives."""
    base, corpus, fast, _, reference = setup
    out = base / "marked.jsonl"
    records = [json.loads(line) for line in reference.splitlines()[:5]]
    for record in records:
        record["metadata"]["from_previous_run"] = True
    out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    resumed = subprocess.run(_command(corpus, out, fast, "--resume", "-q"), env=_env(), capture_output=True,
                             timeout=180)
    assert resumed.returncode in (0, 1), resumed.stderr.decode()
    final = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(final) == TOTAL
    assert [r["metadata"].get("from_previous_run") for r in final[:6]] == [True] * 5 + [None]


def test_resume_needs_a_jsonl_file(setup):
    base, corpus, fast, _, _ = setup
    done = subprocess.run(_command(corpus, base / "out.csv", fast, "--resume"), env=_env(), capture_output=True,
                          timeout=60)
    assert done.returncode == 2
    assert b"--resume needs a JSONL output file" in done.stderr


def test_resume_matches_documents_of_a_jsonl_input_by_id(tmp_path, capsys):
    """Documents read in the driver (one JSONL input, many documents) are matched by their ids."""
    from docpipe.cli.main import main as docpipe_main

    source = tmp_path / "wire.jsonl"
    source.write_text("".join(json.dumps({"id": f"w{i}", "title": f"Wire {i}",
                                          "text": f"Wire item {i}: the port of Ashdale reopened after "
                                                  f"{i} days, \"ahead of plan,\" said a pilot.\n"}) + "\n"
                              for i in range(12)), encoding="utf-8")
    reference, out = tmp_path / "reference.jsonl", tmp_path / "out.jsonl"
    assert docpipe_main(["run", str(source), "-o", str(reference), "--no-progress", "-q"]) in (0, 1)
    lines = reference.read_bytes().splitlines(keepends=True)
    assert len(lines) == 12
    out.write_bytes(b"".join(lines[:7]))
    capsys.readouterr()
    assert docpipe_main(["run", str(source), "-o", str(out), "--resume", "--no-progress"]) in (0, 1)
    assert "kept 7 records" in capsys.readouterr().err
    assert out.read_bytes() == reference.read_bytes()
