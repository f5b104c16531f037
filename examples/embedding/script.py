"""docpipe inside a batch script: who is quoted most across a folder of articles?

    python examples/embedding/script.py ARTICLES... [-j N]

The pipeline is built in code (no configuration file, no CLI): the built-in ``quotes``
stage by name, then this program's own :class:`QuoteStats` stage as an object.
``Pipeline.run`` yields :class:`docpipe.Document` objects lazily, in input order, one per
input document; an input that cannot be read comes back with ``errors`` instead of raising.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Sequence

from docpipe import Pipeline
from quote_stats import QuoteStats


def tally(paths: Sequence[str], jobs: int = 1, stages: Sequence | None = None) -> tuple[Counter, list[str]]:
    """Quotes per speaker over every document under ``paths``, and one line per failed input."""
    pipeline = Pipeline(stages if stages is not None else ["quotes", QuoteStats()], jobs=jobs)
    speakers: Counter = Counter()
    failures = []
    for doc in pipeline.run(paths):
        if doc.errors:
            failures.append(f"{doc.source.uri}: {doc.errors[0].message}")
            continue
        speakers.update(doc.metadata["quote_stats"]["by_speaker"])
    return speakers, failures


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Count quotes per speaker with docpipe.")
    parser.add_argument("paths", nargs="+", help="files or folders of articles")
    parser.add_argument("-j", "--jobs", type=int, default=1, help="worker processes")
    args = parser.parse_args(argv)
    speakers, failures = tally(args.paths, args.jobs)
    for name, count in speakers.most_common():
        print(f"{count:5d}  {name}")
    for line in failures:
        print(f"failed: {line}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":  # the guard matters: with -j N, worker processes import this file
    sys.exit(main())
