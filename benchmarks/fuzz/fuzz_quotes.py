"""Coverage-guided fuzz target (atheris/libFuzzer) for the quote stage.

The input becomes a text (the first byte picks how: UTF-8 with replacement, a quote-mark soup
built from the bytes, or latin-1), read by the plain-text reader (title line, paragraph roles)
and run through the ``quotes`` stage. The stage must not raise, and every quote, cue and speaker
mention must lie inside the text with ``text[start:end]`` equal to the serialized ``text``.

Run by hand::

    python benchmarks/fuzz/fuzz_quotes.py -runs=100000
"""

from __future__ import annotations

import sys

from invariants import check_document, want_atheris

atheris = want_atheris()

# Instrument only docpipe's own code: instrumenting numpy, lxml's Python parts etc. costs a minute of start-up.
with atheris.instrument_imports(include=["docpipe", "docpipe_builtins"]):
    from docpipe import Engine, InputItem
    from docpipe.errors import DocpipeError
    from docpipe.model import make_document

    ENGINE = Engine()
    QUOTES = ENGINE.build_stage("quotes")
    TEXT_READER = ENGINE.build_reader("text")

#: Symbols a quote-mark soup is made of: marks of many languages, cue words, breaks.
SOUP = ['"', "'", "\u201c", "\u201d", "\u2018", "\u2019", "\u00ab", "\u00bb", "\u2039", "\u203a", "\u201e",
        "\u201a", "\u300c", "\u300d", "\u2014", " ", " ", "\n", "\n\n", "said", "says", "he", "she", "told",
        "Mr", "Ms", "Smith", "Jones", "the minister", "according to", ".", ",", ":", "?", "!", "We", "go",
        "e\u0301", "\u00a0", "\u200b"]


def make_text(data: bytes) -> str:
    mode, body = data[0] % 3, data[1:]
    if mode == 0:
        return body.decode("utf-8", "replace")
    if mode == 1:
        return "".join(SOUP[b % len(SOUP)] for b in body)
    return body.decode("latin-1")


def test_one_input(data: bytes) -> None:
    if not data:
        return
    text = make_text(data)
    try:
        docs = list(TEXT_READER.read(InputItem(uri="fuzz.txt", data=text.encode("utf-8"), format="text")))
    except DocpipeError:  # e.g. control bytes read as binary: fuzz the stage on the raw text anyway
        docs = []
    doc = docs[0] if docs else make_document(text, uri="fuzz.txt")
    check_document(QUOTES.process(doc))
    check_document(QUOTES.process(make_document(text, uri="bare.txt")))  # no paragraphs at all


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
