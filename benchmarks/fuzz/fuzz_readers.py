"""Coverage-guided fuzz target (atheris/libFuzzer) for every registered docpipe reader.

Each input's first byte picks the reader; the rest is the file's bytes. A reader may refuse bad
input with a ``DocpipeError`` (it becomes an error record in a run); any other exception, or a
document that breaks the stand-off contract (spans outside the text, quote text not equal to
``text[start:end]``, a record that does not survive JSON), is a crash that libFuzzer reports with
the input that caused it.

Two modes (environment variable ``DOCPIPE_FUZZ_MODE``):

* ``strict`` (default): the reader contract -- only ``DocpipeError`` may escape a reader;
* ``pipeline``: what a run guarantees -- readers are called through ``docpipe.ingest.read_item``,
  which turns any reader exception into an error record; nothing may escape it and every document
  (error records included) must satisfy the invariants. The short run in the test suite uses this
  mode, so a reader bug already recorded as an ``xfail`` test does not stop the search for new ones.

Run by hand::

    python benchmarks/fuzz/fuzz_readers.py -runs=100000
    python benchmarks/fuzz/fuzz_readers.py -max_total_time=600 corpus_dir/   # keep the corpus

``benchmarks/fuzz/run_all.py`` runs every target and writes ``benchmarks/results/fuzz.json``.
"""

from __future__ import annotations

import os
import sys

from invariants import check_document, want_atheris

atheris = want_atheris()

# Instrument only docpipe's own code: instrumenting numpy, lxml's Python parts etc. costs a minute of start-up.
with atheris.instrument_imports(include=["docpipe", "docpipe_builtins"]):
    from docpipe import Engine, InputItem
    from docpipe.errors import DocpipeError
    from docpipe.ingest import read_item

    # The engine imports the built-in plugin modules here, so they are instrumented too.
    ENGINE = Engine()
    READER_NAMES = ENGINE.registry.readers.names()
    READERS = {name: ENGINE.build_reader(name) for name in READER_NAMES}

SUFFIX = {"text": ".txt", "jsonl": ".jsonl"}
PIPELINE_MODE = os.environ.get("DOCPIPE_FUZZ_MODE", "strict") == "pipeline"


def test_one_input(data: bytes) -> None:
    if not data:
        return
    name = READER_NAMES[data[0] % len(READER_NAMES)]
    item = InputItem(uri=f"fuzz{SUFFIX.get(name, '.' + name)}", data=data[1:], format=name)
    if PIPELINE_MODE:
        for doc in read_item(item, READERS[name], name):
            check_document(doc)
        return
    try:
        docs = list(READERS[name].read(item))
    except DocpipeError:
        return
    for doc in docs:
        check_document(doc)


def main() -> None:
    mode = "pipeline" if PIPELINE_MODE else "strict"
    print(f"fuzzing readers ({mode} mode): {', '.join(READER_NAMES)}", file=sys.stderr)
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
