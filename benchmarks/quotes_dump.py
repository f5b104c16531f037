"""Dump every quote and speaker the ``quotes`` stage finds on PolNeAR train+dev+test, as JSON lines.

An identity check for speed work: dump before a change, dump after, ``cmp`` the two files. Only the
stage's annotations are written (offsets, kinds, speakers), never the texts.

Usage::

    python benchmarks/quotes_dump.py -o /tmp/quotes_before.jsonl [--data PATH] [--splits train,dev,test] [--installed]

``--installed`` dumps what the installed docpipe finds (compiled with mypyc when built so) instead of this
checkout: ``cmp`` with a checkout dump shows that the compiled build gives the same output.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from quotes_polnear import (  # (sets sys.path to this repo unless --installed: import it first)
    default_data,
    describe_build,
    load_split,
    make_doc,
    stage_build,
)

from docpipe_builtins.quotes import QuoteStage


def _mention(m) -> list | None:
    return None if m is None else [m.text, m.start, m.end]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("-o", "--output", type=Path, required=True)
    ap.add_argument("--data", type=Path, default=default_data())
    ap.add_argument("--splits", default="train,dev,test")
    ap.add_argument("--installed", action="store_true",
                    help="use the installed docpipe (compiled when built so), not this checkout")
    args = ap.parse_args(argv)
    print(describe_build(stage_build()), file=sys.stderr)
    stage = QuoteStage()
    n_docs = n_quotes = 0
    with open(args.output, "w", encoding="utf-8") as fh:
        for split in args.splits.split(","):
            for name, text, _ in load_split(args.data, split):
                out = stage.process(make_doc(name, text))
                n_docs += 1
                for q in out.quotes:
                    n_quotes += 1
                    fh.write(json.dumps({
                        "doc": f"{split}/{name}", "id": q.id, "start": q.start, "end": q.end, "kind": q.kind,
                        "speaker": q.speaker, "speaker_mention": _mention(q.speaker_mention),
                        "cue": _mention(q.cue), "nested_in": q.nested_in, "confidence": q.confidence,
                    }, ensure_ascii=False) + "\n")
                for s in out.speakers:
                    fh.write(json.dumps({"doc": f"{split}/{name}", "speaker": s.name, "titles": list(s.titles),
                                         "mentions": [_mention(m) for m in s.mentions]}, ensure_ascii=False) + "\n")
    print(f"{n_docs} documents, {n_quotes} quotes -> {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
