"""Guarantee: every input document appears in the output exactly once (docs/guarantees.md, "Accounting").

A folder of good and bad inputs written by the test (missing, binary, empty, undecodable,
broken JSON, a JSONL file with bad lines, broken HTML, documents a stage fails on) is run
through the real CLI with -j 1 and -j 2. Each input document must map to exactly one output
record (a file to one record, a JSONL line to one record), processed or carrying errors; the
summary line counts them and the failures; the exit code is 1 when any failed, 0 otherwise.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from docpipe import Engine
from docpipe.errors import ExitCode
from reliability_helpers import cli, records

GOOD_TEXT = "Harbour news\n\u201cThe ferry runs again,\u201d said the captain.\nTickets cost less.\n"

# file name -> (content, records expected, failed records expected). JSONL: one record per non-blank line.
CORPUS: dict[str, tuple[bytes, int, int]] = {
    "good1.txt": (GOOD_TEXT.encode("utf-8"), 1, 0),
    "good2.txt": (b"Second story\nNobody said anything today.\n", 1, 0),
    "empty.txt": (b"", 1, 0),
    "spaces.txt": (b"   \n\n\t\n", 1, 0),
    "latin1.txt": ("Caf\u00e9 story\nThe caf\u00e9 opened.\n".encode("latin-1"), 1, 0),
    "undecodable.txt": (b"\xff\xfe\x00", 1, 1),  # a UTF-16 BOM followed by half a code unit
    "binary.txt": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), 1, 1),
    "nul_soup.txt": (bytes(200), 1, 1),
    "stage_fails.txt": (b"Bad luck\nThis one says BOOM in the middle.\n", 1, 1),
    "broken.json": (b'{"text": ', 1, 1),
    "array.json": (b'[{"text": "first record"}, {"nope": 1}, {"text": "third BOOM"}]', 3, 2),
    "lines.jsonl": ((b'{"text": "one"}\n\n{bad json\n[1, 2]\n{"title": "no text"}\n'
                     b'{"text": "five BOOM"}\n{"text": "six"}\n\xff\xfe not json\n'), 7, 5),
    "page.html": ((b"<html><head><title>T</title></head><body><p>\xe2\x80\x9cHi,\xe2\x80\x9d she said."
                   b"<div><p>unclosed <b>tags"), 1, None),
    "garbage.html": (bytes(range(256)) * 4, 1, None),
}


def _build(folder: Path) -> tuple[int, int]:
    folder.mkdir()
    total = failed = 0
    for name, (content, count, bad) in CORPUS.items():
        (folder / name).write_bytes(content)
        total += count
        failed += bad or 0
    return total, failed



@pytest.mark.parametrize("jobs", [1, 2])
def test_every_input_document_appears_exactly_once(tmp_path, jobs):
    folder = tmp_path / "in"
    expected_total, expected_min_failed = _build(folder)
    missing = tmp_path / "missing.txt"
    config = tmp_path / "pipeline.toml"
    config.write_text('[stages.raising]\nmarker = "BOOM"\n', encoding="utf-8")
    result = cli("-p", "dp_test_faulty_stages", "run", str(folder), str(missing), "--config", str(config),
                 "--stages", "quotes,raising,dedup", "-j", str(jobs))
    stderr = result.stderr.decode()
    out = records(result.stdout)
    expected_total += 1  # the missing path is one record too

    assert len(out) == expected_total, stderr
    per_file = Counter(Path(r["source"]).name for r in out)
    for name, (_content, count, _bad) in CORPUS.items():
        assert per_file[name] == count, name
    assert per_file["missing.txt"] == 1
    # Nothing twice: within a file, records stand for different lines / positions.
    assert len({r["id"] for r in out}) == len(out)
    jsonl_lines = sorted(r["metadata"]["line"] for r in out if Path(r["source"]).name == "lines.jsonl")
    assert jsonl_lines == [1, 3, 4, 5, 6, 7, 8]

    failed = [r for r in out if r["errors"]]
    assert len(failed) >= expected_min_failed + 1
    for name, (_content, _count, bad) in CORPUS.items():
        if bad is not None:
            assert sum(1 for r in failed if Path(r["source"]).name == name) == bad, name
    assert {r["errors"][0]["stage"] for r in failed} <= {"ingest", "raising"}
    assert sum(1 for r in failed if r["errors"][0]["stage"] == "raising") == 3  # BOOM in .txt, .json, .jsonl

    summary = re.search(r"docpipe: (\d+) documents, \d+ quotes, \d+ duplicates, (\d+) failed", stderr)
    assert summary, stderr
    assert int(summary.group(1)) == len(out) and int(summary.group(2)) == len(failed)
    assert result.returncode == ExitCode.DOCUMENTS_FAILED
    assert "Traceback" not in stderr


def test_output_is_the_same_with_one_or_two_workers(tmp_path):
    folder = tmp_path / "in"
    _build(folder)
    runs = [cli("run", str(folder), "--stages", "quotes,dedup", "-j", str(jobs)).stdout for jobs in (1, 2)]
    assert records(runs[0]) == records(runs[1])


def test_all_good_inputs_exit_0_and_say_0_failed(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(3):
        (folder / f"ok{i}.txt").write_text(GOOD_TEXT.replace("ferry", f"ferry {i}"), encoding="utf-8")
    result = cli("run", str(folder), "-j", "2")
    assert result.returncode == ExitCode.OK, result.stderr
    assert len(records(result.stdout)) == 3
    assert "3 documents" in result.stderr.decode() and " 0 failed" in result.stderr.decode()


def test_oversized_single_document_is_an_error_record_and_the_rest_go_on(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "big.txt").write_text("Big\n" + "word " * 400, encoding="utf-8")
    (folder / "small.txt").write_text("Small\nA short one.\n", encoding="utf-8")
    result = cli("run", str(folder), "--stages", "quotes", "--max-document-bytes", "1000")
    out = {Path(r["source"]).name: r for r in records(result.stdout)}
    assert result.returncode == ExitCode.DOCUMENTS_FAILED
    assert out["small.txt"]["errors"] == []
    (error,) = out["big.txt"]["errors"]
    assert error["stage"] == "ingest" and "over the limit of 1000" in error["message"]


def test_too_many_quotes_is_a_clear_error_record(tmp_path):
    path = tmp_path / "talky.txt"
    path.write_text("Talk\n" + " ".join(f"\u201cWord {i},\u201d he said." for i in range(30)) + "\n",
                    encoding="utf-8")
    calm = tmp_path / "calm.txt"
    calm.write_text("Calm\n\u201cJust one,\u201d she said.\n", encoding="utf-8")
    result = cli("run", str(path), str(calm), "--stages", "quotes", "--max-quotes", "5")
    talky, quiet = records(result.stdout)
    assert result.returncode == ExitCode.DOCUMENTS_FAILED
    (error,) = talky["errors"]
    assert error["type"] == "TooManyQuotes" and error["stage"] == "quotes"
    assert "over the limit of 5" in error["message"] and "--max-quotes" in error["message"]
    assert talky["quotes"] == []  # the over-limit annotations are dropped, not written
    assert quiet["errors"] == [] and len(quiet["quotes"]) == 1


# Containers are expanded by the driver (docpipe.containers), not claimed by a reader.
@pytest.mark.parametrize("jobs", [1, 2])
def test_zip_with_bad_members_gives_one_record_per_member(tmp_path, jobs):
    import zipfile

    archive = tmp_path / "bundle.zip"
    members = {"a_good.txt": GOOD_TEXT.encode("utf-8"), "b_binary.txt": CORPUS["binary.txt"][0],
               "c_undecodable.txt": b"\xff\xfe\x00", "d_empty.txt": b"", "e_broken.json": b'{"text": '}
    with zipfile.ZipFile(archive, "w") as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    result = cli("run", str(archive), "--stages", "quotes", "-j", str(jobs))
    out = records(result.stdout)
    for name in members:
        assert sum(1 for r in out if r["source"].endswith(name)) == 1, (name, [r["source"] for r in out])
    assert len(out) == len(members)
    failed = {name for name in members for r in out if r["errors"] and r["source"].endswith(name)}
    assert failed >= {"b_binary.txt", "e_broken.json"}
    assert result.returncode == ExitCode.DOCUMENTS_FAILED
