"""Profile the ``quotes`` stage on PolNeAR (cProfile, top functions by own time).

Usage::

    python benchmarks/quotes_profile.py [--split train] [--top 30] [--no-indirect]
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from quotes_polnear import default_data, load_split, make_doc  # (sets sys.path to this repo: import it first)

from docpipe_builtins.quotes import QuoteStage


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--split", default="train", choices=("train", "dev"))
    ap.add_argument("--data", type=Path, default=default_data())
    ap.add_argument("--top", type=int, default=30)
    ap.add_argument("--sort", default="tottime")
    ap.add_argument("--no-indirect", action="store_true")
    args = ap.parse_args(argv)
    docs = [make_doc(name, text) for name, text, _ in load_split(args.data, args.split)]
    stage = QuoteStage(indirect=not args.no_indirect)
    for d in docs[:50]:  # warm up (lexicon, regex caches)
        stage.process(d)
    prof = cProfile.Profile()
    prof.enable()
    for d in docs:
        stage.process(d)
    prof.disable()
    pstats.Stats(prof).sort_stats(args.sort).print_stats(args.top)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
