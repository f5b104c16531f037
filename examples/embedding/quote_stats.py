"""A custom stage, defined by the embedding program itself rather than by a plugin.

A stage is any object with a ``name`` and ``process(doc) -> Document``. Pass the object
straight to :class:`docpipe.Pipeline`; no registration is needed. It must pickle (plain
attributes, a class importable by module path) if the pipeline runs with ``jobs > 1``.
"""

from __future__ import annotations

from collections import Counter

from docpipe import Document


class QuoteStats:
    """Adds ``metadata["quote_stats"]``: how much of the text is quoted, and quotes per speaker.

    Run it after the ``quotes`` stage; on a document without quotes it records zeros.

    :param unattributed: the label used for quotes without a speaker.
    """

    name = "quote_stats"

    def __init__(self, unattributed: str = "(unattributed)") -> None:
        self.unattributed = unattributed

    def process(self, doc: Document) -> Document:
        # Count each quoted character once, even where quotes nest.
        covered = set()
        for quote in doc.quotes:
            covered.update(range(quote.start, quote.end))
        per_speaker = Counter(q.speaker or self.unattributed for q in doc.quotes if q.nested_in is None)
        stats = {
            "quotes": len(doc.quotes),
            "quoted_share": round(len(covered) / len(doc.text), 3) if doc.text else 0.0,
            "by_speaker": dict(per_speaker.most_common()),
        }
        # Stages never change the text; they return an evolved copy with more annotations.
        return doc.evolve(metadata={**doc.metadata, "quote_stats": stats})
