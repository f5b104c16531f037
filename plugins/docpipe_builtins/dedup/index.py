"""The dedup index: what cross-document dedup remembers about every document seen.

Per document it keeps **no text**: its id, its cluster (union-find parent), its
shingle-set size and its MinHash signature, plus the LSH band keys (derived from the
signature) and the content hash. During a run everything is in memory in compact
NumPy arrays (see ``docs/dedup.md`` for the measured bytes per document). With a
``path`` the index is also an SQLite file (embedded, no server): it is loaded when a
run starts and the new documents are appended as the run goes (every ``commit_every``
documents and at the end), so a daily run finds duplicates of documents seen in earlier
runs. Band keys are not stored in the file: they are recomputed from the signatures
when the index is loaded, which keeps the file small.

The parameters that decide what a signature means (scheme, normalisation, shingle kind
and size, permutations, bands, rows, seed) are stored in a ``meta`` table when the file
is created; opening it with different parameters raises :class:`IndexParameterError`,
because signatures computed differently cannot be compared.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Mapping
from typing import Any

import numpy as np

from docpipe_builtins.dedup.lsh import BandIndex, UnionFind, band_keys, top_candidates

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS docs (
    slot INTEGER PRIMARY KEY,      -- 0, 1, 2 ... in the order documents were first seen
    doc_id TEXT NOT NULL,
    rep INTEGER NOT NULL,          -- union-find parent slot (itself for a representative)
    size INTEGER NOT NULL,         -- number of distinct shingles
    sig BLOB NOT NULL              -- num_perm little-endian uint32
);
CREATE TABLE IF NOT EXISTS exact (hash INTEGER PRIMARY KEY, slot INTEGER NOT NULL) WITHOUT ROWID;
"""


class IndexParameterError(ValueError):
    """The index was built with other signature parameters; its signatures are not comparable."""


def _read_meta(conn: sqlite3.Connection) -> dict[str, Any]:
    try:
        rows = conn.execute("SELECT key, value FROM meta").fetchall()
    except sqlite3.DatabaseError:
        return {}
    return {k: json.loads(v) for k, v in rows}


def _compare(path: Any, stored: Mapping[str, Any], params: Mapping[str, Any]) -> None:
    if not stored:
        return
    diffs = {k: (stored.get(k), v) for k, v in params.items() if stored.get(k) != v}
    if diffs:
        detail = ", ".join(f"{k}: index has {old!r}, stage has {new!r}" for k, (old, new) in sorted(diffs.items()))
        raise IndexParameterError(
            f"dedup index {os.fspath(path)!s} was built with other signature parameters ({detail}); "
            "use a new index path or the same options"
        )


def check_index_parameters(path: str | os.PathLike, params: Mapping[str, Any]) -> None:
    """Raise :class:`IndexParameterError` if an existing index file at ``path`` has other parameters.

    A missing file is fine (it will be created). Called when the stage is built, so a bad
    ``index`` option fails before any document is read.
    """
    if not os.path.exists(path):
        return
    conn = sqlite3.connect(f"file:{os.fspath(path)}?mode=ro", uri=True)
    try:
        stored = _read_meta(conn)
    finally:
        conn.close()
    _compare(path, stored, params)


class DedupIndex:
    """Signatures, band keys, content hashes and clusters of every document seen.

    Not picklable (it may hold an SQLite connection): the stage opens it in the driver.
    """

    def __init__(self, path: str | os.PathLike | None, params: Mapping[str, Any], *,
                 commit_every: int = 5000) -> None:
        self.path = None if path is None else os.fspath(path)
        self.params = dict(params)
        self.num_perm = int(params["num_perm"])
        self.bands = int(params["bands"])
        self.rows = int(params["rows"])
        self.commit_every = commit_every
        self._signatures = np.zeros((1024, self.num_perm), dtype=np.uint32)
        self._sizes = np.zeros(1024, dtype=np.int64)
        self.doc_ids: list[str] = []
        self.clusters = UnionFind()
        self._exact: dict[int, int] = {}
        self.bands_index = BandIndex()
        self._conn: sqlite3.Connection | None = None
        self._saved = 0  # slots below this are in the file
        self._pending_exact: list[tuple[int, int]] = []
        if self.path is not None:
            self._open_file()

    # ------------------------------------------------------------------ persistence
    def _open_file(self) -> None:
        conn = self._conn = sqlite3.connect(self.path)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.executescript(_SCHEMA)
        stored = _read_meta(conn)
        if stored:
            _compare(self.path, stored, self.params)
        else:
            conn.executemany("INSERT INTO meta VALUES (?, ?)", [(k, json.dumps(v)) for k, v in sorted(self.params.items())])
            conn.commit()
        rows = conn.execute("SELECT slot, doc_id, rep, size, sig FROM docs ORDER BY slot").fetchall()
        if rows:
            if [r[0] for r in rows] != list(range(len(rows))):
                raise IndexParameterError(f"dedup index {self.path}: slots are not contiguous; the file is damaged")
            sigs = np.frombuffer(b"".join(r[4] for r in rows), dtype="<u4").reshape(len(rows), self.num_perm)
            self._grow(len(rows))
            self._signatures[: len(rows)] = sigs
            self._sizes[: len(rows)] = [r[3] for r in rows]
            self.doc_ids = [r[1] for r in rows]
            for r in rows:
                self.clusters.add()
            self.clusters._parent[:] = [r[2] for r in rows]
            self.bands_index.add_many(band_keys(sigs, self.bands, self.rows), np.arange(len(rows)))
        self._exact = dict(conn.execute("SELECT hash, slot FROM exact").fetchall())
        self._saved = len(rows)

    def commit(self) -> None:
        """Append the documents added since the last commit to the file (no-op in memory)."""
        if self._conn is None:
            return
        n = len(self.doc_ids)
        parents = self.clusters._parent
        self._conn.executemany(
            "INSERT INTO docs (slot, doc_id, rep, size, sig) VALUES (?, ?, ?, ?, ?)",
            [(s, self.doc_ids[s], parents[s], int(self._sizes[s]), self._signatures[s].astype("<u4").tobytes())
             for s in range(self._saved, n)],
        )
        # Clusters merged in this run may have re-parented older representatives.
        self._conn.executemany("UPDATE docs SET rep = ? WHERE slot = ? AND rep != ?",
                               [(parents[s], s, parents[s]) for s in range(self._saved) if parents[s] != s])
        self._conn.executemany("INSERT OR IGNORE INTO exact VALUES (?, ?)", self._pending_exact)
        self._conn.commit()
        self._pending_exact = []
        self._saved = n

    def close(self) -> None:
        if self._conn is not None:
            self.commit()
            self._conn.close()
            self._conn = None

    # ------------------------------------------------------------------ lookups
    def exact_slot(self, content_hash: int) -> int | None:
        return self._exact.get(content_hash)

    def candidates(self, keys: np.ndarray, limit: int) -> list[int]:
        """Slots sharing at least one band key, those sharing the most bands first, at most ``limit``."""
        found = self.bands_index.lookup(keys)
        if not found:
            return []
        slots, counts = np.unique(np.array(found, dtype=np.int64), return_counts=True)
        return top_candidates(slots, counts, limit)  # (the ranking DedupStage.link uses too)

    def entries(self, slots: list[int]) -> tuple[np.ndarray, np.ndarray]:
        """Shingle-set sizes and signature matrix of ``slots``."""
        return self._sizes[slots], self._signatures[slots]

    # ------------------------------------------------------------------ updates
    def _grow(self, needed: int) -> None:
        if needed > self._sizes.size:
            capacity = max(needed, 2 * self._sizes.size)
            signatures = np.zeros((capacity, self.num_perm), dtype=np.uint32)
            signatures[: self._sizes.size] = self._signatures
            sizes = np.zeros(capacity, dtype=np.int64)
            sizes[: self._sizes.size] = self._sizes
            self._signatures, self._sizes = signatures, sizes

    def add(self, doc_id: str, parent: int | None, size: int, signature: np.ndarray, keys: np.ndarray) -> int:
        """Store one document (in ``parent``'s cluster, or a new one). Returns its slot."""
        slot = len(self.doc_ids)
        self._grow(slot + 1)
        self._signatures[slot] = signature
        self._sizes[slot] = size
        self.doc_ids.append(doc_id)
        self.clusters.add(parent)
        self.bands_index.add(keys, slot)
        if self._conn is not None and slot + 1 - self._saved >= self.commit_every:
            self.commit()
        return slot

    def add_exact(self, content_hash: int, slot: int) -> None:
        if content_hash not in self._exact:
            self._exact[content_hash] = slot
            self._pending_exact.append((content_hash, slot))

    # ------------------------------------------------------------------ figures
    def __len__(self) -> int:
        return len(self.doc_ids)

    def memory_bytes(self) -> int:
        """Bytes of the in-memory index for the documents stored (signatures, sizes, band keys, hashes, ids)."""
        n = len(self.doc_ids)
        signatures = n * self.num_perm * 4 + n * 8
        clusters = n * 8 + 8 * n  # list of int parents (pointer + small int object amortised)
        exact = len(self._exact) * 100  # dict entry + int objects, measured order of magnitude
        ids = sum(len(i) + 49 for i in self.doc_ids) + 8 * n
        return signatures + len(self.bands_index) * 12 + clusters + exact + ids

    def file_bytes(self) -> int | None:
        """Bytes of the SQLite file (pages in use), or None in memory."""
        if self._conn is None:
            return None
        page_size = self._conn.execute("PRAGMA page_size").fetchone()[0]
        pages = self._conn.execute("PRAGMA page_count").fetchone()[0]
        free = self._conn.execute("PRAGMA freelist_count").fetchone()[0]
        return page_size * (pages - free)
