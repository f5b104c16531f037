"""Repeats inside one document: paragraphs, sentences and quotes.

Three kinds of text unit are compared within a document: paragraphs, sentences and
quotes (from the quote stage, when it ran). Two units are linked when

* they are **near-equal**: the Jaccard similarity of their sets of normalised words
  (punctuation, quote-mark style and case do not count) is at least ``near_threshold``
  and they share at least half of the shorter one's word 3-grams; the later one points
  at the earlier one; or
* one is **contained** in the other (paragraphs and quotes only): at least
  ``containment_threshold`` of the smaller unit's word 3-grams occur in the larger one,
  and the smaller has at least ``min_words`` words. The smaller points at the larger,
  because that is where its content is found in full: the lead paragraph repeated inside
  a longer body paragraph points *forward* to it, and the clean export view can leave
  out the contained paragraph without losing a word.

Links are followed to their end (a unit never points at a unit that is itself a
duplicate), so every ``duplicate_of`` names an original. Sentences inside a paragraph
that is already a duplicate are not linked again.

Results go into the model: ``Paragraph.duplicate_of`` (index of the original paragraph),
``Quote.duplicate_of`` (id of the original quote; both quotes keep their own speaker),
and one :class:`~docpipe.model.Span` per link in ``doc.spans["dedup"]`` with the
similarity, the kind of match and, for quotes, both speakers and whether they differ.

The document is tokenised once (vectorised, :func:`.normalize.tokenize`); only units
most of whose word 3-grams occur twice in the document are compared at all, through an
inverted index of those 3-grams, so a document without repeats costs one pass.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence

import attrs
import numpy as np
from docpipe.model import Document, Paragraph, Quote, Span

from docpipe_builtins.dedup.normalize import Words, tokenize, word_tokens

#: ``doc.spans`` group the dedup stage writes to.
SPAN_GROUP = "dedup"

# Sentence ends: . ! ? (plus closing quotes/brackets) before whitespace and a capital, digit or opening quote.
_SENTENCE_BOUNDARY = re.compile(r"[.!?]+[\"”’'»)\]]*(?=\s+[\"“‘'«(\[]*[A-Z0-9])")
_POSTING_CAP = 32  # a trigram repeated in more units than this is boilerplate-like, not evidence of a copy
_U64 = np.uint64


@attrs.frozen
class InDocumentOptions:
    """Thresholds of the in-document pass (stage options of the same names)."""

    near_threshold: float = 0.85
    containment_threshold: float = 0.9
    min_words: int = 5
    min_sentence_words: int = 6


@attrs.frozen
class Link:
    """Unit ``source`` repeats unit ``target`` (indices into the unit list)."""

    source: int
    target: int
    similarity: float
    match: str  # "near" or "contained"


class _Text:
    """The words of a document once, with word-trigram hashes and which trigrams occur twice or more.

    A trigram counts as *repeated evidence* only inside a run of at least three consecutive
    repeated trigrams (five words in a row that occur elsewhere too): isolated common phrases
    ("one of the") are not.
    """

    def __init__(self, text: str, words: Words | None = None) -> None:
        self.words: Words = tokenize(text) if words is None else words
        h = self.words.hashes
        self.trigrams = np.zeros(0, dtype=np.uint64)
        self.has_repeats = False
        if h.size < 3:
            return
        # Word hashes are already mixed: a linear combination with odd weights is a fine trigram key.
        self.trigrams = h[:-2] * _U64(0x9E3779B97F4A7C15) + h[1:-1] * _U64(0xC2B2AE3D27D4EB4F) + h[2:]
        order = np.argsort(self.trigrams, kind="stable")
        ordered = self.trigrams[order]
        same = ordered[1:] == ordered[:-1]
        if not same.any():
            return
        repeated_sorted = np.zeros(ordered.size, dtype=bool)
        repeated_sorted[1:] |= same
        repeated_sorted[:-1] |= same
        repeated = np.empty_like(repeated_sorted)
        repeated[order] = repeated_sorted
        self.repeated = repeated
        # Keep runs of >= 3 consecutive repeated trigrams.
        padded = np.zeros(repeated.size + 2, dtype=np.int8)
        padded[1:-1] = repeated
        edges = np.flatnonzero(padded[1:] != padded[:-1])
        run_starts, run_ends = edges[0::2], edges[1::2]
        long_runs = (run_ends - run_starts) >= 3
        if not long_runs.any():
            return
        self.has_repeats = True
        # Runs are maximal and separated, so no start coincides with an end: plain assignment works.
        evidence = np.zeros(repeated.size + 1, dtype=np.int64)
        evidence[run_starts[long_runs]] = 1
        evidence[run_ends[long_runs]] = -1
        self._evidence_prefix = np.concatenate(([0], np.cumsum(np.cumsum(evidence[:-1]) > 0)))

    def units(self, bounds: Sequence[tuple[int, int]]) -> list[_Unit]:
        """Units for (start, end) offset pairs: the words lying wholly inside each."""
        if not bounds:
            return []
        starts = np.fromiter((b[0] for b in bounds), dtype=np.int64, count=len(bounds))
        ends = np.fromiter((b[1] for b in bounds), dtype=np.int64, count=len(bounds))
        w0 = np.searchsorted(self.words.starts, starts, "left").tolist()
        w1 = np.searchsorted(self.words.ends, ends, "right").tolist()
        return [_Unit(self, s, e, a, max(a, b)) for (s, e), a, b in zip(bounds, w0, w1)]

    def repeated_share(self, u: _Unit) -> float:
        """Share of the unit's trigrams that are repeated evidence (see the class docstring)."""
        n = u.w1 - u.w0 - 2
        if n <= 0 or not self.has_repeats:
            return 0.0
        return float(self._evidence_prefix[u.w1 - 2] - self._evidence_prefix[u.w0]) / n


@attrs.define
class _Unit:
    owner: _Text
    start: int
    end: int
    w0: int
    w1: int
    _words: frozenset[int] | None = attrs.field(default=None, init=False)
    _trigrams: frozenset[int] | None = attrs.field(default=None, init=False)

    @property
    def n_words(self) -> int:
        return self.w1 - self.w0

    @property
    def words(self) -> frozenset[int]:
        if self._words is None:
            self._words = frozenset(self.owner.words.hashes[self.w0 : self.w1].tolist())
        return self._words

    def shared_trigrams(self) -> list[int]:
        """The unit's trigrams that occur more than once in the document (only those can be shared)."""
        lo, hi = self.w0, max(self.w0, self.w1 - 2)
        return self.owner.trigrams[lo:hi][self.owner.repeated[lo:hi]].tolist()

    @property
    def trigrams(self) -> frozenset[int]:
        if self._trigrams is None:
            self._trigrams = frozenset(self.owner.trigrams[self.w0 : max(self.w0, self.w1 - 2)].tolist())
        return self._trigrams


def sentence_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentences of ``text[start:end]`` as (start, end) offsets into ``text``, surrounding spaces trimmed."""
    spans = []
    pos = start
    for m in _SENTENCE_BOUNDARY.finditer(text, start, end):
        spans.append((pos, m.end()))
        pos = m.end()
    spans.append((pos, end))
    out = []
    for s, e in spans:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append((s, e))
    return out


def _candidate_pairs(units: Sequence[_Unit]) -> list[tuple[int, int]]:
    """Pairs (i < j) sharing at least half of the smaller unit's word trigrams.

    Only units holding a run of words repeated elsewhere in the document are looked at: in
    most documents that is none at all.
    """
    # A unit can only repeat, or hold a repeat of, another if it has a run of repeated words.
    live = [i for i, u in enumerate(units) if u.n_words >= 3 and u.owner.repeated_share(u) > 0.0]
    if len(live) < 2:
        return []
    postings: dict[int, list[int]] = {}
    for i in live:
        for t in set(units[i].shared_trigrams()):
            postings.setdefault(t, []).append(i)
    shared: Counter[tuple[int, int]] = Counter()
    for members in postings.values():
        if 1 < len(members) <= _POSTING_CAP:
            for x in range(len(members)):
                for y in range(x + 1, len(members)):
                    shared[members[x], members[y]] += 1
    return sorted(
        pair for pair, n in shared.items()
        if n * 2 >= min(len(units[pair[0]].trigrams), len(units[pair[1]].trigrams))
    )


def find_links(
    units: Sequence[_Unit],
    options: InDocumentOptions,
    *,
    allow_containment: bool = True,
    min_words: int | None = None,
    may_contain: Callable[[int], bool] = lambda i: True,
    forbidden: Callable[[int, int], bool] = lambda i, j: False,
) -> dict[int, Link]:
    """Links from duplicate units to their originals, resolved so targets are never duplicates.

    ``units`` are in text order. Near-equal: Jaccard of the word sets >= ``near_threshold``
    (both units at least ``min_words`` long). Contained: share of the smaller unit's word
    trigrams found in the larger >= ``containment_threshold``. ``may_contain(i)``: unit ``i``
    may be linked as contained in another. ``forbidden(i, j)``: unit ``i`` must not point at
    unit ``j`` (a quote nested in it, a sentence of a duplicate paragraph).
    """
    floor = options.min_words if min_words is None else min_words
    direct: dict[int, Link] = {}
    for i, j in _candidate_pairs(units):
        if forbidden(j, i) and forbidden(i, j):
            continue  # neither direction may be linked: skip the comparison
        a, b = units[i], units[j]
        if a.n_words < floor and b.n_words < floor:
            continue  # too short to call a repeat
        inter = len(a.words & b.words)
        jaccard = inter / (len(a.words) + len(b.words) - inter)
        link = None
        if jaccard >= options.near_threshold and min(a.n_words, b.n_words) >= floor and not forbidden(j, i):
            link = Link(j, i, jaccard, "near")
        elif allow_containment:
            small, large = (j, i) if len(b.trigrams) <= len(a.trigrams) else (i, j)
            su, lu = units[small], units[large]
            if su.n_words >= floor and may_contain(small) and not forbidden(small, large):
                containment = len(su.trigrams & lu.trigrams) / len(su.trigrams)
                if containment >= options.containment_threshold:
                    link = Link(small, large, containment, "contained")
        if link is not None:
            known = direct.get(link.source)
            # Keep the earliest original (the first occurrence); on a tie, the closer match.
            if known is None or (link.target, -link.similarity) < (known.target, -known.similarity):
                direct[link.source] = link
    return _resolve(direct, forbidden)


def _resolve(direct: dict[int, Link], forbidden: Callable[[int, int], bool]) -> dict[int, Link]:
    """Follow chains to the original; drop links that loop back or end somewhere forbidden."""
    resolved: dict[int, Link] = {}
    for source, link in direct.items():
        seen = {source}
        target = link.target
        while target in direct and target not in seen:
            seen.add(target)
            target = direct[target].target
        if target in seen or target == source or forbidden(source, target):
            continue
        resolved[source] = attrs.evolve(link, target=target)
    # A link whose chain was cut (loop) would leave its followers pointing at a duplicate: re-check.
    return {s: l for s, l in resolved.items() if l.target not in resolved}


def _same_speaker(a: str | None, b: str | None) -> bool:
    """Unknown speakers agree with anyone; otherwise one name's words must include the other's."""
    if not a or not b:
        return True
    wa, wb = set(word_tokens(a)), set(word_tokens(b))
    return wa <= wb or wb <= wa


def find_in_document_duplicates(doc: Document, options: InDocumentOptions | None = None, *,
                                words: Words | None = None) -> Document:
    """``doc`` with duplicate paragraphs, sentences and quotes linked (see the module docstring).

    ``words``: ``tokenize(doc.text)`` if the caller has it already.
    """
    options = options or InDocumentOptions()
    text = doc.text
    words = _Text(text, words)
    if not words.has_repeats:
        return doc  # no five words in a row occur twice: nothing can be a repeat (the common case)
    spans: list[Span] = [s for s in doc.spans.get(SPAN_GROUP, ()) if not s.label.startswith("duplicate_")]

    # -- paragraphs
    paragraphs = list(doc.paragraphs)
    para_units = words.units([(p.start, p.end) for p in paragraphs])
    para_links = find_links(para_units, options)
    for i, link in sorted(para_links.items()):
        paragraphs[i] = attrs.evolve(paragraphs[i], duplicate_of=link.target)
        spans.append(Span(paragraphs[i].start, paragraphs[i].end, "duplicate_paragraph", {
            "paragraph": i, "duplicate_of": link.target, "similarity": round(link.similarity, 4),
            "match": link.match}))

    # -- sentences, outside paragraphs already linked as a whole
    blocks = [(p.start, p.end, i) for i, p in enumerate(paragraphs)] or [(0, len(text), -1)]
    block_units = para_units or words.units([(0, len(text))])
    sentence_bounds, sentence_para = [], []
    for (start, end, i), unit in zip(blocks, block_units):
        if words.repeated_share(unit) == 0.0:
            continue  # no repeated run of words in this paragraph: none of its sentences repeats
        for bounds in sentence_spans(text, start, end):
            sentence_bounds.append(bounds)
            sentence_para.append(i)
    sentence_units = words.units(sentence_bounds)
    if len(sentence_units) > 1:
        sentence_links = find_links(
            sentence_units, options, allow_containment=False, min_words=options.min_sentence_words,
            # Sentences of a paragraph that is a duplicate as a whole are covered by the paragraph link.
            forbidden=lambda i, j: sentence_para[i] in para_links or sentence_para[j] in para_links,
        )
        for i, link in sorted(sentence_links.items()):
            u, t = sentence_units[i], sentence_units[link.target]
            spans.append(Span(u.start, u.end, "duplicate_sentence", {
                "duplicate_of": {"start": t.start, "end": t.end}, "similarity": round(link.similarity, 4),
                "paragraph": sentence_para[i], "duplicate_of_paragraph": sentence_para[link.target]}))

    # -- quotes: the same words printed twice, each occurrence keeping its own attribution
    quotes = list(doc.quotes)
    if len(quotes) > 1:
        order = sorted(range(len(quotes)), key=lambda k: (quotes[k].start, quotes[k].end))
        ordered = [quotes[k] for k in order]
        quote_units = words.units([(q.start, q.end) for q in ordered])

        def overlapping(i: int, j: int) -> bool:  # a quote never repeats one it overlaps (nesting)
            return ordered[i].start < ordered[j].end and ordered[j].start < ordered[i].end

        quote_links = find_links(quote_units, options, may_contain=lambda i: ordered[i].nested_in is None,
                                 forbidden=overlapping)
        by_id = {q.id: k for k, q in enumerate(quotes)}
        for i, link in sorted(quote_links.items()):
            q, original = ordered[i], ordered[link.target]
            quotes[by_id[q.id]] = attrs.evolve(q, duplicate_of=original.id)
            spans.append(Span(q.start, q.end, "duplicate_quote", {
                "quote": q.id, "duplicate_of": original.id, "similarity": round(link.similarity, 4),
                "match": link.match, "speaker": q.speaker, "duplicate_of_speaker": original.speaker,
                "conflicting_speakers": not _same_speaker(q.speaker, original.speaker)}))

    new_spans = dict(doc.spans)
    if spans:
        new_spans[SPAN_GROUP] = tuple(sorted(spans, key=lambda s: (s.start, s.end, s.label)))
    else:
        new_spans.pop(SPAN_GROUP, None)
    return doc.evolve(paragraphs=paragraphs, quotes=quotes, spans=new_spans)


def paragraph_duplicates(doc: Document) -> list[tuple[int, Paragraph]]:
    """(index, paragraph) of every paragraph marked as a duplicate."""
    return [(i, p) for i, p in enumerate(doc.paragraphs) if p.duplicate_of is not None]


def quote_duplicates(doc: Document) -> list[Quote]:
    return [q for q in doc.quotes if q.duplicate_of is not None]
