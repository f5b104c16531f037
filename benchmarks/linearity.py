"""Time scaling of every reader and stage: one 50 MB single paragraph with ~300,000 quote marks vs 5 MB.

The issue's linearity check at full size (the unit test tests/reliability/test_reliability_linearity.py
runs the costlier parts at 0.5 vs 5 MB to stay within its time budget). CPU time of this process
(``time.process_time``), so other load on the machine does not skew the ratios. Linear is ~10.

::

    python benchmarks/linearity.py                 # 5 MB vs 50 MB, every reader, quotes, dedup
    python benchmarks/linearity.py --small-mb 1 --only quotes

Writes ``benchmarks/results/linearity.json``.
"""

from __future__ import annotations

import argparse
import gc
import json
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(REPO / "core"), str(REPO / "plugins")]

from docpipe import Engine, InputItem
from docpipe.errors import DocpipeError
from docpipe.model import Paragraph, make_document

FILLER = "The river rose again and the town waited for news of the bridge. " * 4
UNIT = FILLER + "\u201cWe will go home now,\u201d he said. "  # 2 marks per ~300 bytes: 300,000 in 50 MB


def one_paragraph(nbytes: int) -> str:
    return UNIT * max(1, nbytes // len(UNIT.encode("utf-8")))


READER_INPUTS = {
    "text": lambda t: ("Headline\n" + t).encode("utf-8"),
    "json": lambda t: json.dumps({"title": "Headline", "text": t}).encode("utf-8"),
    "jsonl": lambda t: json.dumps({"title": "Headline", "text": t}).encode("utf-8") + b"\n",
    "html": lambda t: f"<html><body><h1>Headline</h1><p>{t}</p></body></html>".encode(),
    "xml": lambda t: f"<?xml version='1.0'?><article><title>H</title><body><p>{t}</p></body></article>".encode(),
}


def cpu(fn) -> float:
    gc.collect()
    started = time.process_time()
    fn()
    return time.process_time() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small-mb", type=float, default=5.0)
    parser.add_argument("--factor", type=int, default=10)
    parser.add_argument("--only", default=None, help="comma-separated names (readers, quotes, dedup)")
    parser.add_argument("--out", default=str(REPO / "benchmarks" / "results" / "linearity.json"))
    args = parser.parse_args(argv)
    engine = Engine()
    sizes = (int(args.small_mb * 1e6), int(args.small_mb * 1e6 * args.factor))
    texts = {n: one_paragraph(n) for n in sizes}
    wanted = set(args.only.split(",")) if args.only else None
    rows = []

    def record(name: str, times: list[float], extra: dict | None = None) -> None:
        row = {"component": name, "small_bytes": sizes[0], "large_bytes": sizes[1],
               "marks_large": one_paragraph((extra or {}).get("large_bytes", sizes[1])).count("\u201c") * 2, "seconds_small": round(times[0], 3),
               "seconds_large": round(times[1], 3), "ratio": round(times[1] / max(times[0], 1e-3), 2), **(extra or {})}
        rows.append(row)
        print(f"{name:8} {row['seconds_small']:>8.2f}s -> {row['seconds_large']:>8.2f}s  ratio {row['ratio']:>6.2f}"
              f"  ({row['marks_large']} quote marks in the large input)", flush=True)

    for name, make in READER_INPUTS.items():
        if name not in engine.registry.readers or (wanted and name not in wanted):
            continue
        reader = engine.build_reader(name)

        def read(n: int, r=reader, f=name, mk=make) -> None:
            data = mk(one_paragraph(n))
            list(r.read(InputItem(uri=f"big.{f}", data=data, format=f)))

        try:
            record(name, [cpu(lambda n=n: read(n)) for n in sizes])
        except DocpipeError as exc:
            # The markup parsers refuse a single text node over 10 MB (libxml2 without huge_tree, on
            # purpose): time the reader a size step lower instead, and say so.
            lower = (sizes[0] // args.factor, sizes[0])
            times = [cpu(lambda n=n: read(n)) for n in lower]
            print(f"{name:8} refuses the {sizes[1]} byte paragraph ({str(exc)[:90]}...); timed at {lower}")
            record(name, times, {"small_bytes": lower[0], "large_bytes": lower[1],
                                 "refused_large": str(exc)[:200]})
    docs = {n: make_document(t, uri="big.txt", paragraphs=[Paragraph(0, len(t), "body")]) for n, t in texts.items()}
    if not wanted or "quotes" in wanted:
        stage = engine.build_stage("quotes")
        found = {}
        times = [cpu(lambda n=n: found.__setitem__(n, len(stage.process(docs[n]).quotes))) for n in sizes]
        record("quotes", times, {"quotes_large": found[sizes[1]]})
    if not wanted or "dedup" in wanted:
        def dedup(n: int) -> None:
            stage = engine.build_stage("dedup")
            out = stage.process(docs[n])
            if hasattr(stage, "finalize"):
                list(stage.finalize(iter([out])))
        record("dedup", [cpu(lambda n=n: dedup(n)) for n in sizes])
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    if wanted and out.exists():
        # --only: replace the rows measured now and keep the other components' figures
        measured = {r["component"]: r for r in rows}
        previous = json.loads(out.read_text(encoding="utf-8")).get("rows", [])
        known = {r["component"] for r in previous}
        rows = [measured.get(r["component"], r) for r in previous] + [r for r in rows if r["component"] not in known]
    out.write_text(json.dumps({"rows": rows}, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
