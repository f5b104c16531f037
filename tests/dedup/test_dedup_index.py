"""The persistent SQLite index: later runs dedup against earlier ones; other parameters are refused."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from dedup_texts import document, story
from docpipe_builtins.dedup.index import IndexParameterError
from docpipe_builtins.dedup.stage import DedupStage

REPO = Path(__file__).resolve().parents[2]


def run(stage, docs):
    return list(stage.finalize(stage.process(d) for d in docs))


def story_doc(seed, id, drop_last=0):
    lines = [f"Headline number {seed}", *story(seed, 8)]
    return document(lines[: len(lines) - drop_last], id=id)


def test_second_run_finds_duplicates_of_the_first(tmp_path):
    index = tmp_path / "dedup.sqlite"
    first = run(DedupStage(index=str(index)), [story_doc(1, "monday-1"), story_doc(2, "monday-2")])
    assert [d.duplicate_of for d in first] == [None, None]
    assert index.exists()

    second = run(DedupStage(index=str(index)), [
        story_doc(2, "tuesday-exact"), story_doc(1, "tuesday-near", drop_last=1), story_doc(3, "tuesday-new")])
    assert [d.duplicate_of for d in second] == ["monday-2", "monday-1", None]
    assert second[0].metadata["dedup"]["method"] == "exact"
    assert second[1].metadata["dedup"]["method"] == "minhash"

    with sqlite3.connect(index) as conn:
        columns = {row[1] for row in conn.execute("PRAGMA table_info(docs)")}
        assert "text" not in columns  # signatures only
        assert conn.execute("SELECT COUNT(*) FROM docs").fetchone()[0] == 4  # the exact copy is not stored


def test_rerunning_the_same_documents_does_not_mark_them_duplicates_of_themselves(tmp_path):
    index = str(tmp_path / "i.sqlite")
    docs = [story_doc(5, "a"), story_doc(5, "b", drop_last=1), story_doc(6, "c")]
    first = run(DedupStage(index=index), docs)
    again = run(DedupStage(index=index), docs)
    assert [d.duplicate_of for d in first] == [d.duplicate_of for d in again] == [None, "a", None]


def test_index_is_shared_across_processes(tmp_path):
    index = tmp_path / "shared.sqlite"
    script = (
        "import sys\n"
        "from dedup_texts import document, story\n"
        "from docpipe_builtins.dedup.stage import DedupStage\n"
        "seed, doc_id = int(sys.argv[1]), sys.argv[2]\n"
        "stage = DedupStage(index=sys.argv[3])\n"
        "doc = document([f'Headline number {seed}', *story(seed, 8)], id=doc_id)\n"
        "(out,) = stage.finalize(iter([stage.process(doc)]))\n"
        "print(out.duplicate_of)\n"
    )
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(
        [str(REPO / "core"), str(REPO / "plugins"), str(Path(__file__).parent)]))

    def child(seed, doc_id):
        proc = subprocess.run([sys.executable, "-c", script, str(seed), doc_id, str(index)],
                              capture_output=True, text=True, env=env, timeout=120, check=False)
        assert proc.returncode == 0, proc.stderr
        return proc.stdout.strip()

    assert child(7, "first-process") == "None"
    assert child(7, "second-process") == "first-process"


def test_index_built_with_other_parameters_is_refused(tmp_path):
    index = str(tmp_path / "i.sqlite")
    run(DedupStage(index=index), [story_doc(1, "a")])
    with pytest.raises(IndexParameterError, match="num_perm"):
        DedupStage(index=index, num_perm=256, bands=128)
    with pytest.raises(IndexParameterError, match="seed"):
        DedupStage(index=index, seed=2)
    with pytest.raises(IndexParameterError, match="shingle_size"):
        DedupStage(index=index, shingle_size=5)
    DedupStage(index=index, jaccard_threshold=0.7)  # thresholds may change: signatures stay comparable


def test_bad_index_option_fails_when_the_pipeline_is_built(tmp_path):
    from docpipe import Pipeline, UsageError

    index = str(tmp_path / "i.sqlite")
    run(DedupStage(index=index), [story_doc(1, "a")])
    pipeline = Pipeline(stages=["dedup"], stage_options={"dedup": {"index": index, "seed": 9}})
    with pytest.raises(UsageError, match="other signature parameters"):
        pipeline.stages  # noqa: B018


def test_in_memory_run_reports_bytes_per_document():
    stage = DedupStage()
    run(stage, [story_doc(i, f"d{i}") for i in range(20)])
    figures = stage.last_run
    assert figures["documents"] == figures["index_documents"] == 20
    assert 500 < figures["index_memory_bytes"] / 20 < 5000  # signature (512 B) + band keys + ids
