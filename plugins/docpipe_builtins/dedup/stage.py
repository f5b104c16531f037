"""The ``dedup`` stage: duplicate links inside documents and across the corpus.

``process(doc)`` (runs in worker processes) links repeated paragraphs, sentences and
quotes inside the document (:mod:`.in_document`) and computes the document's sketch
(content hash, shingle count, MinHash signature), carried to the driver in a private
metadata entry.

``finalize(docs)`` (runs in the driver, in input order, streaming) looks every
document up in the index: first by the normalised content hash (an exact duplicate),
then by MinHash LSH with verification (a near duplicate). A duplicate gets
``duplicate_of`` = the id of its cluster's representative (the first document of the
cluster seen, in this run or an earlier one when ``index`` is a path) and
``metadata["dedup"]`` with the similarity and the method. The private sketch entry is
removed. Only signatures are kept across documents, never texts.

On Dask the same pass is distributed (the executor's corpus protocol): ``band_keys(doc)``
gives the workers each document's LSH band keys plus an exact-hash key, the executor
shuffles them into candidate edges, and ``link(docs, edges)`` runs ``finalize``'s own loop
with the candidates taken from the edges instead of the band index (identical output).

Dedup annotates and never deletes: the clean export view (:mod:`.clean_view`) is what
leaves duplicates out.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, ClassVar

import attrs
import numpy as np
from docpipe.model import Document

from docpipe_builtins.dedup.in_document import InDocumentOptions, find_in_document_duplicates
from docpipe_builtins.dedup.index import DedupIndex, check_index_parameters
from docpipe_builtins.dedup.lsh import band_keys as signature_band_keys
from docpipe_builtins.dedup.lsh import top_candidates, verify
from docpipe_builtins.dedup.minhash import (
    SIGNATURE_SCHEME,
    MinHasher,
    char_shingle_hashes,
    word_shingle_hashes,
)
from docpipe_builtins.dedup.normalize import (
    NORMALIZATION_VERSION,
    Words,
    hash_sequence,
    normalize_text,
    tokenize,
    word_hashes,
)

#: Metadata key of the sketch that ``process`` hands to ``finalize`` (removed by ``finalize``).
SKETCH_KEY = "_dedup_sketch"
#: Band keys stored in the index by ``link``, which finds candidates from the executor's edges instead.
_NO_KEYS = np.zeros(0, dtype=np.int64)


def _fraction(instance: Any, attribute: attrs.Attribute, value: float) -> None:
    if not 0.0 < value <= 1.0:
        raise ValueError(f"{attribute.name} must be in (0, 1], got {value!r}")


def _positive(instance: Any, attribute: attrs.Attribute, value: int) -> None:
    if not isinstance(value, int) or value < 1:
        raise ValueError(f"{attribute.name} must be a positive integer, got {value!r}")


_UNSET = object()
_DOCUMENT_FIELDS = tuple(f.name for f in attrs.fields(Document))
# The model's own converter, so the copy holds exactly what Document(...) would (it must pickle).
_METADATA_CONVERTER = attrs.fields(Document).metadata.converter or dict


def _with_metadata(doc: Document, metadata: dict[str, Any], duplicate_of: Any = _UNSET) -> Document:
    """``doc.evolve(metadata=..., duplicate_of=...)`` without re-validating every span.

    Only ``metadata`` and ``duplicate_of`` change, neither of which any span validation looks
    at, and a full ``evolve`` re-checks every paragraph, quote and mention. The metadata goes
    through the model's own converter, so the copy is what ``Document(...)`` would build.
    """
    new = object.__new__(Document)
    for field in _DOCUMENT_FIELDS:
        object.__setattr__(new, field, getattr(doc, field))
    object.__setattr__(new, "metadata", _METADATA_CONVERTER(metadata))
    if duplicate_of is not _UNSET:
        object.__setattr__(new, "duplicate_of", duplicate_of)
    return new


# Latin-1 characters that NFKC or case folding change in ways the tokenizer does not (ß -> ss, ½ -> 1/2 ...).
_NOT_TOKENIZER_STABLE = "ª²³¹º¼½¾µ´¸¨¯ßÿ"


def _tokenizer_folds_enough(text: str) -> bool:
    """True when ``tokenize(text)`` gives the same words as ``tokenize(NFKC(casefold(text)))``.

    The tokenizer folds ASCII and Latin-1 letter case and ignores punctuation itself, so for
    most news text one tokenisation serves both the in-document and the cross-document part.
    """
    if text.isascii():
        return True
    try:
        text.encode("latin-1")
    except UnicodeEncodeError:
        return False
    return not any(c in text for c in _NOT_TOKENIZER_STABLE)


@attrs.frozen
class Sketch:
    """What cross-document dedup keeps of a document: content hash, shingle count, signature, band keys.

    Computed in the workers (``process``) so the driver's serial pass only looks things up.
    """

    content_hash: int | None
    size: int
    signature: np.ndarray = attrs.field(eq=False)
    keys: np.ndarray = attrs.field(eq=False)

    def to_tuple(self) -> tuple[int | None, int, bytes, bytes]:
        return self.content_hash, self.size, self.signature.astype("<u4").tobytes(), self.keys.astype("<i8").tobytes()

    @classmethod
    def from_tuple(cls, value: tuple[int | None, int, bytes, bytes]) -> Sketch:
        return cls(value[0], value[1], np.frombuffer(value[2], dtype="<u4"), np.frombuffer(value[3], dtype="<i8"))


@attrs.define(slots=True)
class DedupStage:
    """Stage ``dedup``. Every option is a ``[stages.dedup]`` key; see ``docs/dedup.md``.

    Cross-document options: ``shingle`` (``"word"`` or ``"char"``) and ``shingle_size`` make
    the shingles; ``num_perm`` MinHash functions cut into ``bands`` bands of ``rows`` rows;
    a candidate is a duplicate when its estimated Jaccard similarity is at least
    ``jaccard_threshold``, or the smaller document has at least ``min_containment_shingles``
    shingles and is contained in the other to at least ``containment_threshold``; at most
    ``max_candidates`` candidates are verified per document. ``seed`` fixes the hash
    functions. ``index`` is the path of a persistent SQLite index (``None``: in memory, one
    run). ``merge_clusters`` joins two clusters when a document matches both (off by default:
    one bridging document can wrongly merge two stories). ``exclude_roles``: paragraph roles
    left out of the cross-document comparison.

    In-document options: ``near_threshold``, ``paragraph_containment_threshold``,
    ``min_words``, ``min_sentence_words`` (see :mod:`.in_document`). ``in_document`` and
    ``cross_document`` switch the two parts.
    """

    name: ClassVar[str] = "dedup"

    shingle: str = attrs.field(default="word", validator=attrs.validators.in_(("word", "char")))
    shingle_size: int = attrs.field(default=2, validator=_positive)
    num_perm: int = attrs.field(default=128, validator=_positive)
    bands: int = attrs.field(default=64, validator=_positive)
    rows: int = attrs.field(default=2, validator=_positive)
    jaccard_threshold: float = attrs.field(default=0.5, validator=_fraction)
    containment_threshold: float = attrs.field(default=0.7, validator=_fraction)
    min_containment_shingles: int = attrs.field(default=20, validator=_positive)
    max_candidates: int = attrs.field(default=50, validator=_positive)
    seed: int = 1
    index: str | None = attrs.field(default=None, converter=attrs.converters.optional(os.fspath))
    merge_clusters: bool = False
    exclude_roles: tuple[str, ...] = attrs.field(default=("boilerplate",), converter=tuple)
    in_document: bool = True
    cross_document: bool = True
    near_threshold: float = attrs.field(default=0.85, validator=_fraction)
    paragraph_containment_threshold: float = attrs.field(default=0.9, validator=_fraction)
    min_words: int = attrs.field(default=5, validator=_positive)
    min_sentence_words: int = attrs.field(default=6, validator=_positive)

    _hasher: MinHasher = attrs.field(init=False, repr=False, eq=False)
    #: Figures of the last ``finalize``/``link`` run: documents, duplicates, index bytes, which
    #: pass ran (``"finalize"`` or ``"link"``) and, for ``link``, the edges received (read by benchmarks).
    last_run: dict[str, Any] = attrs.field(init=False, factory=dict, repr=False, eq=False)

    def __attrs_post_init__(self) -> None:
        if self.bands * self.rows > self.num_perm:
            raise ValueError(f"bands * rows ({self.bands} * {self.rows}) exceeds num_perm ({self.num_perm})")
        self._hasher = MinHasher(self.num_perm, self.seed)
        if self.index is not None:
            check_index_parameters(self.index, self.signature_parameters())

    def signature_parameters(self) -> dict[str, Any]:
        """What makes two signatures comparable; recorded in (and checked against) the index."""
        return {
            "scheme": SIGNATURE_SCHEME, "normalization": NORMALIZATION_VERSION, "shingle": self.shingle,
            "shingle_size": self.shingle_size, "num_perm": self.num_perm, "bands": self.bands,
            "rows": self.rows, "seed": self.seed, "exclude_roles": sorted(self.exclude_roles),
        }

    # ------------------------------------------------------------------ per document
    def process(self, doc: Document) -> Document:
        # Most text: one tokenisation serves both parts (NFKC and case folding change nothing
        # the tokenizer does not fold itself); other text is normalised first for the sketch.
        words = tokenize(doc.text) if _tokenizer_folds_enough(doc.text) else None
        if self.in_document:
            doc = find_in_document_duplicates(doc, InDocumentOptions(
                near_threshold=self.near_threshold, containment_threshold=self.paragraph_containment_threshold,
                min_words=self.min_words, min_sentence_words=self.min_sentence_words), words=words)
        if self.cross_document:
            doc = _with_metadata(doc, {**doc.metadata, SKETCH_KEY: self.sketch(doc, words).to_tuple()})
        return doc

    def content(self, doc: Document) -> str:
        """The text compared across documents: every paragraph except ``exclude_roles`` ones."""
        if not doc.paragraphs:
            return doc.text
        return "\n".join(doc.text[p.start : p.end] for p in doc.paragraphs if p.role not in self.exclude_roles)

    def _content_words(self, doc: Document, words: Words) -> np.ndarray:
        """Hashes of the words of ``doc.text`` (tokenised already) lying in the compared paragraphs."""
        kept = [p for p in doc.paragraphs if p.role not in self.exclude_roles]
        if not doc.paragraphs or len(kept) == len(doc.paragraphs):
            return words.hashes
        lo = np.searchsorted(words.starts, [p.start for p in kept], "left").tolist()
        hi = np.searchsorted(words.ends, [p.end for p in kept], "right").tolist()
        return np.concatenate([words.hashes[a:b] for a, b in zip(lo, hi)] or [words.hashes[:0]])

    def sketch(self, doc: Document, words: Words | None = None) -> Sketch:
        """Content hash, shingle count and signature of ``doc``.

        ``words``: ``tokenize(doc.text)``, given only when that equals the normalised tokenisation.
        """
        content = None
        if words is not None and self.shingle == "word":
            hashes = self._content_words(doc, words)
        else:
            content = self.content(doc)
            hashes = word_hashes(content)
        if hashes.size == 0:
            return Sketch(None, 0, np.zeros(0, dtype=np.uint32), np.zeros(0, dtype=np.int64))
        if self.shingle == "word":
            shingles = word_shingle_hashes(hashes, self.shingle_size)
        else:
            shingles = char_shingle_hashes(normalize_text(content), self.shingle_size)
        signature = self._hasher.signature(shingles)
        return Sketch(hash_sequence(hashes), int(shingles.size), signature,
                      signature_band_keys(signature, self.bands, self.rows))

    # ------------------------------------------------------------------ corpus pass
    def finalize(self, docs: Iterator[Document]) -> Iterator[Document]:
        """Link every document to an earlier copy, if any; yields every document, in order.

        Each call is one run: without ``index`` it starts from an empty in-memory index.
        """
        if not self.cross_document:
            yield from docs
            return
        index = DedupIndex(self.index, self.signature_parameters())

        def lookup(position: int, sketch: Sketch) -> tuple[int | None, Callable[[], list[int]]]:
            return (index.exact_slot(sketch.content_hash),
                    lambda: index.candidates(sketch.keys, self.max_candidates))

        yield from self._annotate(docs, index, lookup, figures={"pass": "finalize"})

    # ------------------------------------------------------------------ distributed corpus pass
    def band_keys(self, doc: Document) -> list[str | int]:
        """Keys under which the Dask executor groups documents (runs in the workers, after ``process``).

        The exact-content-hash key (``"h<hash>"``, a string so it never meets a band key)
        plus the ``bands`` LSH band keys of the sketch. None with ``index`` set (the
        persistent index lives in the driver, so ``link`` runs ``finalize`` instead), with
        ``cross_document`` off, or for a document with errors or no words.
        """
        if not self.cross_document or self.index is not None or doc.errors:
            return []
        sketch, _ = self._take_sketch(doc)
        if sketch is None or sketch.content_hash is None:
            return []
        return [f"h{sketch.content_hash}", *sketch.keys.tolist()]

    def link(self, docs: Iterator[Document], edges: Sequence[tuple[int, int, int]]) -> Iterator[Document]:
        """``finalize`` with the candidates of document ``j`` taken from the edges ``(i, j, shared)``.

        ``edges`` come from the Dask executor's shuffle of :meth:`band_keys`, sorted by
        ``(j, i)``. Verification, clustering and the annotations are ``finalize``'s own
        code; only the lookups differ: the exact match is the stored earlier end of an edge
        with the same content hash, and the MinHash candidates are the stored earlier ends
        ranked by ``shared`` and capped at ``max_candidates``, as the band index ranks
        them. The output is identical to ``finalize`` as long as no band bucket exceeded
        the executor's ``max_bucket`` (a larger bucket contributes star edges only). With
        ``index`` set this simply runs ``finalize`` (the persistent index is the driver's).
        """
        if not self.cross_document or self.index is not None:
            yield from self.finalize(docs)
            return
        edges = edges if isinstance(edges, Sequence) else list(edges)
        index = DedupIndex(None, self.signature_parameters())
        slot_of: dict[int, int] = {}  # stream position -> index slot, for the documents stored
        hash_of: list[int] = []  # index slot -> content hash
        cursor = 0

        def lookup(position: int, sketch: Sketch) -> tuple[int | None, Callable[[], list[int]]]:
            nonlocal cursor
            while cursor < len(edges) and edges[cursor][1] < position:  # edges of documents never looked up
                cursor += 1
            slots: list[int] = []
            counts: list[int] = []
            while cursor < len(edges) and edges[cursor][1] == position:
                earlier, _, shared = edges[cursor]
                cursor += 1
                slot = slot_of.get(earlier)
                if slot is not None:
                    slots.append(slot)
                    counts.append(shared)
            exact = next((slot for slot in slots if hash_of[slot] == sketch.content_hash), None)
            # Slots ascend with positions (both follow the input order), as top_candidates expects.
            return exact, lambda: top_candidates(np.array(slots, dtype=np.int64),
                                                 np.array(counts, dtype=np.int64), self.max_candidates)

        def stored(position: int, sketch: Sketch, slot: int) -> None:
            slot_of[position] = slot
            hash_of.append(sketch.content_hash)

        yield from self._annotate(docs, index, lookup, stored=stored, band_index=False,
                                  figures={"pass": "link", "edges": len(edges)})

    # ------------------------------------------------------------------ shared by both passes
    def _annotate(self, docs: Iterable[Document], index: DedupIndex,
                  lookup: Callable[[int, Sketch], tuple[int | None, Callable[[], list[int]]]], *,
                  stored: Callable[[int, Sketch, int], None] | None = None,
                  band_index: bool = True, figures: dict[str, Any] | None = None) -> Iterator[Document]:
        """Link every document with ``lookup(position, sketch)`` -> (exact slot, candidates()).

        ``stored(position, sketch, slot)`` is told about every document added to the index;
        ``band_index=False`` keeps band keys out of the index (the caller finds candidates itself);
        ``figures`` are added to :attr:`last_run`.
        """
        seen = duplicates = 0
        try:
            for position, doc in enumerate(docs):
                seen += 1
                sketch, metadata = self._take_sketch(doc)
                found = None
                if sketch is not None and sketch.content_hash is not None and not doc.errors:
                    exact, candidates = lookup(position, sketch)
                    slots_before = len(index)
                    found = self._link(doc.id, sketch, index, exact, candidates, band_index)
                    if stored is not None and len(index) > slots_before:
                        stored(position, sketch, slots_before)
                if found is not None:
                    duplicates += 1
                    representative, info = found
                    metadata = dict(doc.metadata if metadata is None else metadata)
                    metadata["dedup"] = {**info, "representative": representative}
                    doc = _with_metadata(doc, metadata, duplicate_of=representative)
                elif metadata is not None:
                    doc = _with_metadata(doc, metadata)
                yield doc
        finally:
            index.close()
            self.last_run = {
                "documents": seen, "duplicates": duplicates, "index_documents": len(index),
                "index_memory_bytes": index.memory_bytes(),
                "index_file_bytes": os.path.getsize(index.path) if index.path else None,
                **(figures or {}),
            }

    def _take_sketch(self, doc: Document) -> tuple[Sketch | None, dict[str, Any] | None]:
        """The document's sketch, and its metadata without the private sketch entry (None: unchanged)."""
        packed = doc.metadata.get(SKETCH_KEY)
        if packed is not None:
            metadata = dict(doc.metadata)
            del metadata[SKETCH_KEY]
            return Sketch.from_tuple(packed), metadata
        if doc.errors:
            return None, None
        return self.sketch(doc), None  # a document that skipped ``process`` (given to finalize directly)

    def _link(self, doc_id: str, sketch: Sketch, index: DedupIndex, exact: int | None,
              candidates: Callable[[], list[int]], band_index: bool = True) -> tuple[str, dict[str, Any]] | None:
        """(representative id, dedup info) if the document duplicates one seen before; stores it if new.

        ``exact``: the slot stored with the same content hash, if any; ``candidates()``: the
        slots to verify (sharing bands, best first, at most ``max_candidates``), ascending.
        """
        clusters = index.clusters
        if exact is not None:
            root = clusters.find(exact)
            if index.doc_ids[exact] == doc_id:  # this very document, indexed by an earlier run
                return None if root == exact else (index.doc_ids[root], {"method": "index"})
            return index.doc_ids[root], {"method": "exact", "similarity": 1.0, "matched": index.doc_ids[exact]}
        if sketch.size == 0:
            return None
        keys = sketch.keys if band_index else _NO_KEYS
        slots = candidates()
        verdict = None
        if slots:
            sizes, signatures = index.entries(slots)
            verdict = verify(sketch.signature, sketch.size, signatures, sizes,
                             jaccard_threshold=self.jaccard_threshold,
                             containment_threshold=self.containment_threshold,
                             min_containment_shingles=self.min_containment_shingles)
            for k, slot in enumerate(slots):
                if index.doc_ids[slot] == doc_id and verdict.jaccard[k] == 1.0:
                    # Indexed by an earlier run: report its stored cluster, store nothing twice.
                    root = clusters.find(slot)
                    return None if root == slot else (index.doc_ids[root], {"method": "index"})
        if verdict is None or not verdict.accepted.any():
            slot = index.add(doc_id, None, sketch.size, sketch.signature, keys)
            index.add_exact(sketch.content_hash, slot)
            return None
        similarity = np.where(verdict.method == "jaccard", verdict.jaccard, verdict.containment)
        similarity = np.where(verdict.accepted, similarity, -1.0)
        best = int(np.argmax(similarity))
        root = clusters.find(slots[best])
        if self.merge_clusters:
            for k in np.flatnonzero(verdict.accepted).tolist():
                root = clusters.union(slots[k], root)
        slot = index.add(doc_id, root, sketch.size, sketch.signature, keys)
        index.add_exact(sketch.content_hash, slot)
        return index.doc_ids[root], {
            "method": "minhash", "similarity": round(float(similarity[best]), 4),
            "match": str(verdict.method[best]), "jaccard": round(float(verdict.jaccard[best]), 4),
            "containment": round(float(verdict.containment[best]), 4), "matched": index.doc_ids[slots[best]],
        }
