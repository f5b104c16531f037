"""Locality-sensitive hashing over MinHash signatures, candidate verification, union-find.

*Banding*: the signature is cut into ``bands`` bands of ``rows`` values; two documents
become candidates when any band is identical, which happens with probability
``1 - (1 - J**rows)**bands``. Few rows per band catch low-Jaccard pairs (an abridged
copy holding 30% of the original has J about 0.3); the false candidates this lets
through are removed by *verification*, which estimates the Jaccard similarity and the
containment of the smaller shingle set in the larger from the signatures and the set
sizes (no texts are kept).

*Clusters*: a verified pair joins the new document to the cluster of its match; the
cluster's representative is the member seen first (the smallest slot).
"""

from __future__ import annotations

import attrs
import numpy as np

from docpipe_builtins.dedup.minhash import containment_from_jaccard
from docpipe_builtins.dedup.normalize import mix64

_U64 = np.uint64


def band_keys(signatures: np.ndarray, bands: int, rows: int) -> np.ndarray:
    """63-bit keys (int64), one per band: shape ``(bands,)`` for one signature, ``(n, bands)`` for a matrix.

    The band number is mixed in, so equal values in different bands never collide.
    """
    sigs = np.atleast_2d(signatures)
    values = sigs[:, : bands * rows].reshape(sigs.shape[0], bands, rows).astype(np.uint64)
    keys = np.arange(1, bands + 1, dtype=np.uint64) * _U64(0xD6E8FEB86659FD93)
    for j in range(rows):  # distinct odd weights per row, then one strong mix
        keys = keys + values[:, :, j] * _U64((0x9E3779B97F4A7C15 + 2 * j * 0x632BE59BD9B4E019) % 2**64 | 1)
    keys = (mix64(keys) >> _U64(1)).astype(np.int64)
    return keys[0] if signatures.ndim == 1 else keys


class BandIndex:
    """Multimap band key -> slots: a sorted NumPy array plus a small dict of recent inserts.

    12 bytes per (key, slot) entry once merged. Lookups are one ``searchsorted`` over the
    sorted part and dict probes for the recent part; the recent part is merged in when it
    outgrows ``max(min_buffer, a quarter of the sorted part)``, so merging costs
    O(n log n) over a whole run.
    """

    def __init__(self, min_buffer: int = 200_000) -> None:
        self._keys = np.zeros(0, dtype=np.int64)
        self._slots = np.zeros(0, dtype=np.int32)
        self._buffer: dict[int, int | list[int]] = {}
        self._buffered = 0
        self._min_buffer = min_buffer

    def __len__(self) -> int:
        return int(self._keys.size) + self._buffered

    @property
    def nbytes(self) -> int:
        """Bytes of the sorted arrays (the recent-insert dict is bounded and excluded)."""
        return int(self._keys.nbytes + self._slots.nbytes)

    def add(self, keys: np.ndarray, slot: int) -> None:
        buffer = self._buffer
        for key in keys.tolist():
            known = buffer.get(key)
            if known is None:
                buffer[key] = slot
            elif isinstance(known, list):
                known.append(slot)
            else:
                buffer[key] = [known, slot]
        self._buffered += keys.size
        if self._buffered > max(self._min_buffer, self._keys.size // 4):
            self.merge()

    def add_many(self, keys: np.ndarray, slots: np.ndarray) -> None:
        """Bulk load: ``keys`` of shape (n, bands), ``slots`` of shape (n,)."""
        self.merge()
        all_keys = np.concatenate([self._keys, keys.ravel()])
        all_slots = np.concatenate([self._slots, np.repeat(slots.astype(np.int32), keys.shape[1])])
        order = np.argsort(all_keys, kind="stable")
        self._keys, self._slots = all_keys[order], all_slots[order]

    def merge(self) -> None:
        if not self._buffer:
            return
        keys, slots = [], []
        for key, value in self._buffer.items():
            if isinstance(value, list):
                keys.extend([key] * len(value))
                slots.extend(value)
            else:
                keys.append(key)
                slots.append(value)
        self._buffer, self._buffered = {}, 0
        self.add_many(np.array(keys, dtype=np.int64)[:, None], np.array(slots, dtype=np.int32))

    def lookup(self, keys: np.ndarray) -> list[int]:
        """Slots stored under any of ``keys``, once per shared key (so counts rank candidates)."""
        found: list[int] = []
        if self._keys.size:
            lo = np.searchsorted(self._keys, keys, "left")
            hi = np.searchsorted(self._keys, keys, "right")
            for i in np.flatnonzero(hi > lo).tolist():
                found.extend(self._slots[lo[i] : hi[i]].tolist())
        get = self._buffer.get
        for key in keys.tolist():
            value = get(key)
            if value is not None:
                if isinstance(value, list):
                    found.extend(value)
                else:
                    found.append(value)
        return found


def top_candidates(slots: np.ndarray, counts: np.ndarray, limit: int) -> list[int]:
    """At most ``limit`` of ``slots`` (ascending, unique), those sharing the most bands (``counts``) first.

    Ties go to the earlier slot; the kept slots are returned ascending. Shared by the band
    index lookup and the distributed path (``DedupStage.link``), so both rank alike.
    """
    if slots.size > limit:
        keep = np.argsort(-counts, kind="stable")[:limit]
        slots = slots[np.sort(keep)]
    return slots.tolist()


def candidate_probability(jaccard: float, bands: int, rows: int) -> float:
    """Chance that a pair with this Jaccard similarity shares at least one band."""
    return 1.0 - (1.0 - jaccard**rows) ** bands


@attrs.frozen
class Verdict:
    """How a new document compares with its candidates (arrays aligned with the candidates)."""

    jaccard: np.ndarray
    containment: np.ndarray
    accepted: np.ndarray  # bool
    method: np.ndarray  # "jaccard" or "containment" per candidate (meaningful where accepted)


def verify(signature: np.ndarray, size: int, candidate_signatures: np.ndarray, candidate_sizes: np.ndarray,
           *, jaccard_threshold: float, containment_threshold: float, min_containment_shingles: int) -> Verdict:
    """Accept a candidate when J >= ``jaccard_threshold``, or when the smaller set has at least
    ``min_containment_shingles`` shingles and its containment in the larger is >= ``containment_threshold``.

    The size floor keeps a short text (a one-paragraph brief) from counting as a copy of
    every long story it happens to be quoted in.
    """
    jaccard = np.count_nonzero(candidate_signatures == signature[None, :], axis=1) / signature.size
    containment = np.asarray(containment_from_jaccard(jaccard, size, candidate_sizes))
    by_jaccard = jaccard >= jaccard_threshold
    smaller = np.minimum(candidate_sizes, size)
    by_containment = (containment >= containment_threshold) & (smaller >= min_containment_shingles)
    method = np.where(by_jaccard, "jaccard", "containment")
    return Verdict(jaccard, containment, by_jaccard | by_containment, method)


class UnionFind:
    """Disjoint sets over integer slots; the root of a set is its smallest slot (the first seen)."""

    __slots__ = ("_parent",)

    def __init__(self) -> None:
        self._parent: list[int] = []

    def __len__(self) -> int:
        return len(self._parent)

    def add(self, parent: int | None = None) -> int:
        """A new slot (the next integer), in its own set or under ``parent``'s root."""
        slot = len(self._parent)
        self._parent.append(slot if parent is None else self.find(parent))
        return slot

    def find(self, slot: int) -> int:
        parent = self._parent
        root = slot
        while parent[root] != root:
            root = parent[root]
        while parent[slot] != root:  # path compression
            parent[slot], slot = root, parent[slot]
        return root

    def union(self, a: int, b: int) -> int:
        """Merge the sets of ``a`` and ``b``; returns the root (the smaller of the two roots)."""
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            root, child = (ra, rb) if ra < rb else (rb, ra)
            self._parent[child] = root
            return root
        return ra
