"""`--drop-duplicates` (the clean export view with its audit sidecar) and `--index` across runs."""

from __future__ import annotations

import json


def _jsonl(path):
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_drop_duplicates_leaves_out_duplicates_and_records_them(tmp_path, docpipe_cli, briefing_text):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text(briefing_text, encoding="utf-8")
    (src / "b.txt").write_text(briefing_text.replace("Kabul", "Kabul city"), encoding="utf-8")
    full = tmp_path / "full.jsonl"
    clean = tmp_path / "clean.jsonl"
    assert docpipe_cli("run", str(src), "-o", str(full)).returncode == 0
    result = docpipe_cli("run", str(src), "-o", str(clean), "--drop-duplicates")
    assert result.returncode == 0, result.stderr
    everything, kept = _jsonl(full), _jsonl(clean)
    dropped = _jsonl(tmp_path / "clean.jsonl.dropped.jsonl")
    assert everything[1]["duplicate_of"] == everything[0]["id"]
    assert [r["id"] for r in kept] == [everything[0]["id"]]
    assert {"kind": "document", "document": everything[1]["id"]}.items() <= dropped[-1].items()
    # inside the kept document: every duplicate paragraph and quote is gone from the view, and recorded
    assert all(p["duplicate_of"] is None for p in kept[0]["paragraphs"])
    dup_quotes = {q["id"] for q in everything[0]["quotes"] if q["duplicate_of"]}
    assert dup_quotes and dup_quotes.isdisjoint(q["id"] for q in kept[0]["quotes"])
    assert dup_quotes <= {r["id"] for r in dropped if r["kind"] == "quote"}
    assert kept[0]["text"] == everything[0]["text"]  # the text itself is never rewritten


def test_drop_duplicates_needs_an_output_file(docpipe_cli, briefing_path):
    result = docpipe_cli("run", str(briefing_path), "--drop-duplicates")
    assert result.returncode == 2 and "give an output file" in result.stderr.decode()


def test_index_dedups_against_an_earlier_run(tmp_path, docpipe_cli, briefing_text):
    first, second = tmp_path / "day1", tmp_path / "day2"
    first.mkdir()
    second.mkdir()
    (first / "a.txt").write_text(briefing_text, encoding="utf-8")
    (second / "republished.txt").write_text(briefing_text.replace("briefing", "press briefing"), encoding="utf-8")
    index = tmp_path / "index.sqlite"
    out1, out2 = tmp_path / "1.jsonl", tmp_path / "2.jsonl"
    assert docpipe_cli("run", str(first), "-o", str(out1), "--index", str(index)).returncode == 0
    assert docpipe_cli("run", str(second), "-o", str(out2), "--index", str(index)).returncode == 0
    (original,), (copy,) = _jsonl(out1), _jsonl(out2)
    assert copy["duplicate_of"] == original["id"]
    # without the index the second run has nothing to compare against
    alone = tmp_path / "alone.jsonl"
    assert docpipe_cli("run", str(second), "-o", str(alone)).returncode == 0
    assert _jsonl(alone)[0]["duplicate_of"] is None
