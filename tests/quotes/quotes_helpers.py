"""Shared helpers for the quote-stage tests: build documents the way a text reader would."""

from __future__ import annotations

import docpipe
from docpipe.model import Paragraph
from docpipe_builtins.quotes import QuoteStage


def doc_from_lines(text: str, *, title: bool = False, boilerplate: int = 0):
    """One paragraph per non-empty line; optionally the first is the title and the last N boilerplate."""
    spans = []
    pos = 0
    for line in text.split("\n"):
        if line.strip():
            spans.append((pos, pos + len(line)))
        pos += len(line) + 1
    paras = []
    for i, (s, e) in enumerate(spans):
        role = "body"
        if title and i == 0:
            role = "title"
        elif i >= len(spans) - boilerplate:
            role = "boilerplate"
        paras.append(Paragraph(s, e, role))
    return docpipe.make_document(text, paragraphs=paras)


def run(text: str, stage: QuoteStage | None = None, **kw):
    """Process ``text`` (one paragraph per line) and return the document."""
    return (stage or QuoteStage()).process(doc_from_lines(text, **kw))


def quoted(doc) -> list[tuple[str, str | None, str]]:
    """(quoted text, speaker, kind) for every quote, in order."""
    return [(doc.text[q.start : q.end], q.speaker, q.kind) for q in doc.quotes]
