"""A test plugin of misbehaving stages, as a buggy third-party plugin would ship them.

Each stage misbehaves only on documents whose text contains ``marker`` (default: every
document), so one run can mix good and bad documents. Used by tests/reliability.
"""

import os
import time

import attrs
import docpipe
from docpipe import Quote, Span, StageSpec


@attrs.define
class Raising:
    """Raises a plain exception."""

    marker: str = ""
    name: str = "raising"

    def process(self, doc):
        if self.marker in doc.text:
            raise RuntimeError("raising stage blew up on purpose")
        return doc


@attrs.define
class Hanging:
    """Sleeps far past any sensible timeout (an endless wait on a dead server, say)."""

    marker: str = ""
    seconds: float = 3600.0
    name: str = "hanging"

    def process(self, doc):
        if self.marker in doc.text:
            time.sleep(self.seconds)
        return doc


@attrs.define
class Spinning:
    """Busy-loops in pure Python and swallows every ``Exception`` it sees, the way sloppy retry loops do."""

    marker: str = ""
    name: str = "spinning"

    def process(self, doc):
        if self.marker in doc.text:
            n = 0
            while True:
                try:
                    n += 1
                except Exception:  # noqa: BLE001, S112 - the point of this stage
                    continue
        return doc


@attrs.define
class NotADocument:
    """Returns a dict instead of a Document."""

    marker: str = ""
    name: str = "not_a_document"

    def process(self, doc):
        if self.marker in doc.text:
            return {"id": doc.id, "text": doc.text}
        return doc


@attrs.define
class Rewriter:
    """Rewrites the text (forbidden: the model is stand-off) by building a new document behind evolve's back."""

    marker: str = ""
    name: str = "rewriter"

    def process(self, doc):
        if self.marker in doc.text:
            return attrs.evolve(doc, text=doc.text.upper() + "!")
        return doc


@attrs.define
class BadSpans:
    """Adds a span that ends past the end of the text."""

    marker: str = ""
    name: str = "bad_spans"

    def process(self, doc):
        if self.marker in doc.text:
            return doc.evolve(spans={**doc.spans, "bad": [Span(0, len(doc.text) + 5, "PAST_END")]})
        return doc


@attrs.define
class QuoteFlood:
    """Marks ``count`` one-character quotes (or as many as the text has characters)."""

    count: int = 1000
    marker: str = ""
    name: str = "quote_flood"

    def process(self, doc):
        if self.marker not in doc.text:
            return doc
        n = min(self.count, len(doc.text))
        return doc.evolve(quotes=[Quote(f"q{i}", i, i + 1) for i in range(n)])


@attrs.define
class Exiting:
    """Ends its process on the spot (``os._exit``), as a crash in a C extension would: no exception to catch."""

    marker: str = ""
    name: str = "exiting"

    def process(self, doc):
        if self.marker in doc.text:
            os._exit(13)
        return doc


@attrs.define
class Slow:
    """A well-behaved stage that takes ``seconds`` per document (so a kill lands mid-run)."""

    seconds: float = 0.01
    name: str = "slow"

    def process(self, doc):
        time.sleep(self.seconds)
        return doc.evolve(metadata={**doc.metadata, "slow": True})


@docpipe.hookimpl
def docpipe_register_stages(register):
    for cls in (Raising, Hanging, Spinning, NotADocument, Rewriter, BadSpans, QuoteFlood, Exiting, Slow):
        register(StageSpec(cls.__attrs_attrs__.name.default, cls, description=(cls.__doc__ or "").strip()))
