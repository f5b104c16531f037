"""Inline markup from stand-off quotes: properly nested fragments per paragraph.

Quotes are stand-off spans; markup languages (TEI, HTML) need properly nested elements inside
paragraphs. :func:`paragraph_trees` clips every quote to each paragraph it overlaps and nests the
pieces; a quote that crosses a paragraph boundary, or crosses another quote without being inside
it, is split into *parts*, which the writers link (TEI ``@prev``/``@next``, HTML anchors).
"""

from __future__ import annotations

import heapq
from collections.abc import Iterator

import attrs

from docpipe.model import Document, Paragraph, Quote


@attrs.define
class Fragment:
    """One piece of a quote inside one paragraph; ``children`` are the pieces nested in it."""

    start: int
    end: int
    quote: Quote | None
    part: int = 0  # 0-based index among the parts of its quote, set by quote_parts
    parts: int = 1
    children: list[Fragment] = attrs.field(factory=list)


def nest(start: int, end: int, quotes: list[Quote]) -> Fragment:
    """A tree of the quotes' pieces within ``[start, end)``; the root stands for the paragraph."""
    root = Fragment(start, end, None)
    heap: list[tuple[int, int, int, Quote]] = []
    for order, q in enumerate(quotes):
        s, e = max(q.start, start), min(q.end, end)
        if s < e:
            heap.append((s, -e, order, q))
    heapq.heapify(heap)
    stack = [root]
    while heap:
        s, neg_e, order, q = heapq.heappop(heap)
        e = -neg_e
        while s >= stack[-1].end:
            stack.pop()
        top = stack[-1]
        if e > top.end:  # crosses the end of the enclosing piece: split, the rest continues after it
            heapq.heappush(heap, (top.end, -e, order, q))
            e = top.end
        node = Fragment(s, e, q)
        top.children.append(node)
        stack.append(node)
    return root


def _walk(node: Fragment) -> Iterator[Fragment]:
    for child in node.children:
        yield child
        yield from _walk(child)


def paragraph_trees(doc: Document) -> list[tuple[int, Paragraph, Fragment]]:
    """(paragraph index, paragraph, tree) for every paragraph, with quote parts numbered across paragraphs.

    A document without paragraphs but with text is treated as one body paragraph.
    """
    paragraphs = list(doc.paragraphs) or ([Paragraph(0, len(doc.text), "body")] if doc.text else [])
    quotes = sorted(doc.quotes, key=lambda q: (q.start, -q.end))
    trees = [(i, p, nest(p.start, p.end, quotes)) for i, p in enumerate(paragraphs)]
    by_quote: dict[str, list[Fragment]] = {}
    for _, _, tree in trees:
        for frag in _walk(tree):
            by_quote.setdefault(frag.quote.id, []).append(frag)
    for frags in by_quote.values():
        frags.sort(key=lambda f: f.start)
        for i, frag in enumerate(frags):
            frag.part, frag.parts = i, len(frags)
    return trees


def segments(text: str, node: Fragment) -> Iterator[str | Fragment]:
    """The node's content in order: plain text strings and child fragments."""
    cursor = node.start
    for child in node.children:
        if child.start > cursor:
            yield text[cursor:child.start]
        yield child
        cursor = child.end
    if node.end > cursor:
        yield text[cursor:node.end]
