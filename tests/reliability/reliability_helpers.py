"""Helpers for the reliability tests: real CLI runs, JSONL records, small written-for-the-test corpora."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def docpipe_env(extra: dict | None = None) -> dict:
    """The environment for a ``python -m docpipe`` subprocess running from the source tree."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(REPO / "core"), str(REPO / "plugins"),
                                         str(REPO / "tests" / "plugins"), env.get("PYTHONPATH", "")])
    env.update(extra or {})
    return env


def cli(*args: str, input: bytes | None = None, timeout: float = 120, cwd: Path | None = None,
        env: dict | None = None) -> subprocess.CompletedProcess:
    """Run ``python -m docpipe ARGS`` in a real subprocess."""
    return subprocess.run([sys.executable, "-m", "docpipe", *args], env=docpipe_env(env), input=input,
                          capture_output=True, timeout=timeout, cwd=cwd, check=False)


def records(stdout: bytes | str) -> list[dict]:
    """The JSONL records of a run's output."""
    text = stdout.decode("utf-8") if isinstance(stdout, bytes) else stdout
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def write_articles(folder: Path, count: int, *, marker_every: int = 0, marker: str = "BOOM") -> list[Path]:
    """``count`` small news-like text files; every ``marker_every``-th one contains ``marker``."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(count):
        body = f"Story number {i}\n\u201cWe counted {i} boxes,\u201d said the clerk.\nNothing else happened.\n"
        if marker_every and i % marker_every == 0:
            body += f"A line with {marker} in it.\n"
        path = folder / f"doc{i:05d}.txt"
        path.write_text(body, encoding="utf-8")
        paths.append(path)
    return paths


def check_document(doc) -> dict:
    """Assert the stand-off invariants on one document and its JSON record; return the record.

    Every span lies inside the text; every quote's serialized ``text`` and every mention's
    text equal ``text[start:end]``; the record survives JSON (UTF-8) and rebuilds to itself.
    """
    from docpipe.model import Document, validate_spans
    from docpipe.serialize import document_from_dict, document_to_dict

    assert isinstance(doc, Document), type(doc)
    validate_spans(doc)
    text = doc.text
    n = len(text)
    for p in doc.paragraphs:
        assert 0 <= p.start <= p.end <= n
    record = document_to_dict(doc)
    for q in record["quotes"]:
        assert 0 <= q["start"] <= q["end"] <= n
        assert q["text"] == text[q["start"]:q["end"]]
        for key in ("speaker_mention", "cue"):
            if q[key] is not None:
                assert q[key]["text"] == text[q[key]["start"]:q[key]["end"]]
    for speaker in record["speakers"]:
        for m in speaker["mentions"]:
            assert m["text"] == text[m["start"]:m["end"]]
    encoded = json.dumps(record, ensure_ascii=False).encode("utf-8")  # what the JSONL exporter writes
    again = json.loads(encoded)
    assert document_to_dict(document_from_dict(again)) == again
    return record
