"""Run every fuzz target for a while and record what happened in ``benchmarks/results/fuzz.json``.

::

    python benchmarks/fuzz/run_all.py                     # 100000 inputs per target
    python benchmarks/fuzz/run_all.py --runs 2000000 --max-time 1800

Each target starts from a small seed corpus written here (a news text, JSON and JSONL records,
HTML and XML pages, quote soups), so libFuzzer begins from inputs every reader accepts. Inputs that
crash a target are saved under ``benchmarks/results/fuzz_crashes/`` (libFuzzer's artifacts).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
TARGETS = ("fuzz_readers.py", "fuzz_quotes.py")

SEED_DOCUMENTS = {
    "text": "Harbour reopens\nPORT TOWN, 2 May - \u201cWe are open again,\u201d said the harbour master, Ann Lee.\n"
            "She added: \u201cShips wait \u2018a day or two\u2019 at most.\u201d\n",
    "json": '{"id": "a1", "title": "Harbour", "text": "\u201cOpen,\u201d she said.", "byline": "A. Lee"}',
    "jsonl": '{"text": "one \u201cquote,\u201d he said"}\n{"headline": "H", "body_html": "<p>x</p>"}\n',
    "html": "<html><head><title>Harbour</title><meta charset='utf-8'></head><body><article><h1>Harbour</h1>"
            "<p>\u201cOpen,\u201d said Ann Lee.</p><p>More &amp; more.</p></article></body></html>",
    "xml": "<?xml version='1.0' encoding='utf-8'?><article><title>Harbour</title><p>\u201cOpen,\u201d she said."
           "</p></article>",
}


def write_seeds(target: str, corpus: Path) -> None:
    corpus.mkdir(parents=True, exist_ok=True)
    if target == "fuzz_readers.py":
        sys.path[:0] = [str(REPO / "core"), str(REPO / "plugins")]
        from docpipe import Engine

        names = Engine().registry.readers.names()
        for i, name in enumerate(names):
            body = SEED_DOCUMENTS.get(name, SEED_DOCUMENTS["text"]).encode("utf-8")
            (corpus / f"seed-{name}").write_bytes(bytes([i]) + body)
    else:
        for mode in range(3):
            (corpus / f"seed-{mode}").write_bytes(bytes([mode]) + SEED_DOCUMENTS["text"].encode("utf-8"))


def run_target(target: str, runs: int, max_time: int, crashes: Path, *, mode: str = "strict",
               max_len: int = 65536) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        write_seeds(target, corpus)
        crashes.mkdir(parents=True, exist_ok=True)
        started = time.monotonic()
        proc = subprocess.run(
            [sys.executable, str(HERE / target), f"-runs={runs}", f"-max_total_time={max_time}",
             f"-artifact_prefix={crashes}/{target[:-3]}-", f"-max_len={max_len}", "-print_final_stats=1", str(corpus)],
            capture_output=True, text=True, check=False, env={**os.environ, "DOCPIPE_FUZZ_MODE": mode},
        )
        seconds = time.monotonic() - started
    log = proc.stderr
    done = re.search(r"Done (\d+) runs", log)
    executed = re.search(r"stat::number_of_executed_units:\s*(\d+)", log)
    coverage = re.findall(r"cov: (\d+)", log)
    crashed = proc.returncode != 0
    return {
        "target": target,
        "mode": mode,
        "inputs_tried": int(done.group(1)) if done else int(executed.group(1)) if executed else None,
        "seconds": round(seconds, 1),
        "coverage_edges": int(coverage[-1]) if coverage else None,
        "crashed": crashed,
        "exit_code": proc.returncode,
        "crash_excerpt": log[-3000:] if crashed else None,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=100_000, help="inputs per target (default 100000)")
    parser.add_argument("--max-time", type=int, default=900, help="seconds per target at most (default 900)")
    parser.add_argument("--mode", choices=("strict", "pipeline"), default="strict",
                        help="readers: strict = only DocpipeError may escape a reader; pipeline = through read_item")
    parser.add_argument("--max-len", type=int, default=65536, help="longest input libFuzzer makes (bytes)")
    parser.add_argument("--out", default=str(REPO / "benchmarks" / "results" / "fuzz.json"))
    args = parser.parse_args(argv)
    results = []
    for target in TARGETS:
        result = run_target(target, args.runs, args.max_time, REPO / "benchmarks" / "results" / "fuzz_crashes",
                            mode=args.mode, max_len=args.max_len)
        results.append(result)
        print(f"{target}: {result['inputs_tried']} inputs in {result['seconds']} s, "
              f"coverage {result['coverage_edges']} edges, {'CRASHED' if result['crashed'] else 'no failure'}")
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps({"runs_requested": args.runs, "targets": results}, indent=2) + "\n",
                              encoding="utf-8")
    return 1 if any(r["crashed"] for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())
