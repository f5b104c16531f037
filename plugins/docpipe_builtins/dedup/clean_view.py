"""The clean export view (``--drop-duplicates``): leave duplicates out, say what was left out.

Dedup only annotates. This view turns the annotations into omissions for exporters:
a duplicate document is left out entirely; otherwise duplicate paragraphs and duplicate
quotes lose their annotations. The text is never rewritten (offsets stay valid); the
omitted pieces are returned as plain records for an audit sidecar.

A repeated quote whose two occurrences are attributed to different speakers is a
*finding*, not redundancy: it is kept, and its record says so.
"""

from __future__ import annotations

from typing import Any

import attrs
from docpipe.model import Document

from docpipe_builtins.dedup.in_document import SPAN_GROUP, _same_speaker


def _kept_previous_part(quote_id: str | None, quotes_by_id: dict, dropped: set[str]) -> str | None:
    """Walk a ``continues`` chain back from ``quote_id`` to the first part that is not dropped."""
    while quote_id is not None and quote_id in dropped:
        quote_id = quotes_by_id[quote_id].continues
    return quote_id


def drop_duplicates(doc: Document) -> tuple[Document | None, list[dict[str, Any]]]:
    """``(clean document or None, records of what was left out)``.

    Records are JSON-ready dicts with ``document``, ``kind`` (``document``, ``paragraph``,
    ``quote``), the offsets and text of what was left out, and what it duplicates.
    """
    if doc.duplicate_of is not None:
        info = dict(doc.metadata.get("dedup") or {})
        return None, [{
            "document": doc.id, "kind": "document", "source": doc.source.uri, "duplicate_of": doc.duplicate_of,
            "method": info.get("method"), "similarity": info.get("similarity"),
        }]

    records: list[dict[str, Any]] = []
    paragraphs = []
    for i, p in enumerate(doc.paragraphs):
        if p.duplicate_of is None:
            paragraphs.append(p)
            continue
        records.append({
            "document": doc.id, "kind": "paragraph", "index": i, "start": p.start, "end": p.end, "role": p.role,
            "duplicate_of": p.duplicate_of, "text": doc.text[p.start : p.end],
        })

    quotes_by_id = {q.id: q for q in doc.quotes}
    dropped: set[str] = set()
    for q in doc.quotes:
        if q.duplicate_of is None:
            continue
        original = quotes_by_id[q.duplicate_of]
        if not _same_speaker(q.speaker, original.speaker):
            continue  # a differing attribution is kept for the reader to judge
        dropped.add(q.id)
    # A quote nested in a dropped one goes with it (its nested_in would name a missing quote).
    changed = True
    while changed:
        changed = False
        for q in doc.quotes:
            if q.id not in dropped and q.nested_in in dropped:
                dropped.add(q.id)
                changed = True
    for q in doc.quotes:
        if q.id in dropped:
            records.append({
                "document": doc.id, "kind": "quote", "id": q.id, "start": q.start, "end": q.end,
                "duplicate_of": q.duplicate_of, "nested_in": q.nested_in, "speaker": q.speaker,
                "text": doc.text[q.start : q.end],
            })
    if not records:
        return doc, []
    quotes = []
    for q in doc.quotes:
        if q.id in dropped:
            continue
        if q.duplicate_of in dropped:
            # A kept quote may repeat one that went with its dropped parent: the link would dangle.
            q = attrs.evolve(q, duplicate_of=None)
        if q.continues in dropped:
            # A kept part of a split quotation whose previous part was dropped: its own words are
            # not a repeat, so it stays, linked to the nearest earlier part still present (or none).
            q = attrs.evolve(q, continues=_kept_previous_part(q.continues, quotes_by_id, dropped))
        quotes.append(q)
    # Clear duplicate links to quotes no longer present (kept findings point at kept originals).
    spans = dict(doc.spans)
    if SPAN_GROUP in spans:
        spans[SPAN_GROUP] = tuple(
            s for s in spans[SPAN_GROUP]
            if not (s.label == "duplicate_quote" and s.data.get("quote") in dropped)
            and s.label != "duplicate_paragraph"
        )
    clean = doc.evolve(paragraphs=paragraphs, quotes=quotes, spans=spans)
    return clean, records
