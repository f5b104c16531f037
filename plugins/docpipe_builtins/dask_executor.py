"""The Dask executor: the same pipeline on a Dask cluster (``pip install docpipe[dask]``).

Where it runs (option ``scheduler``, CLI ``--executor dask --scheduler ADDRESS``):

- none (default): a ``LocalCluster`` on this machine with ``jobs`` single-threaded worker
  processes and no dashboard, started on first use and stopped by ``close()``;
- ``"synchronous"``: Dask's single-threaded scheduler in this process (debugging, tests);
- an address (``tcp://host:8786``, ``tls://...``): an existing ``distributed`` scheduler, e.g.
  one started by dask-jobqueue on Slurm/PBS or by dask-kubernetes.

Per-document work (read + every stage's ``process``) maps over the partitions of a
``dask.bag``. The input stream is cut into chunks of ``partitions_per_chunk`` partitions
of ``partition_size`` units, and at most two chunks are in flight, so the driver never
holds more than two chunks of results however long the input is; results come back in
input order.

Corpus passes: a stage that implements the *distributed corpus protocol* (see
:func:`supports_distributed_corpus`) gets a distributed run of its corpus pass: its
``band_keys`` are computed in the workers in the same tasks as the per-document passes
and stay in the cluster; :meth:`DaskExecutor.run_corpus` shuffles them with a
``groupby`` on the key (str or int keys only: tuples come back as lists through the disk
shuffle), turns each bucket into candidate edges, gathers only the edges, and the stage
links the documents (streamed back from a driver-side spool file) from those edges.
Any other ``finalize`` runs in the driver over the gathered stream, which is correct,
just not distributed.
"""

from __future__ import annotations

import array
import itertools
import pickle
import tempfile
from collections.abc import Callable, Iterable, Iterator
from typing import Any

import docpipe
from docpipe.components import ExecutorSpec
from docpipe.errors import UsageError

SYNCHRONOUS = "synchronous"


#: A document's code in the shuffle: ``unit index << UNIT_SHIFT | position in the unit's result``.
UNIT_SHIFT = 16


def _run_partition(units: list[tuple[int, Any]], fn: Callable[[Any], Any], stages: tuple[Any, ...]) -> list[Any]:
    """Run ``fn`` on every ``(unit index, unit)``; with corpus stages, also compute their band keys here.

    Each element becomes ``(result, {stage name: [(key, code), ...]})``: the keys are taken from
    the documents right after their per-document passes, in the worker that made them.
    """
    out = []
    for index, unit in units:
        result = fn(unit)
        keys: dict[str, list[tuple[str | int, int]]] = {}
        for stage in stages:
            pairs = keys.setdefault(stage.name, [])
            for position, doc in enumerate(getattr(result, "documents", ())):
                code = (index << UNIT_SHIFT) | position
                pairs.extend((_plain_key(key), code) for key in stage.band_keys(doc))
        out.append((result, keys))
    return out


def _plain_key(key: Any) -> str | int:
    # Keys must survive every shuffle implementation unchanged: numpy integers become
    # Python ints; anything else that is not str/int is refused rather than mangled.
    if isinstance(key, (str, int)):
        return key
    if hasattr(key, "item"):
        value = key.item()
        if isinstance(value, int):
            return value
    raise TypeError(f"band keys must be str or int, got {type(key).__name__}")


def _results_only(elements: list[Any]) -> list[Any]:
    return [result for result, _ in elements]


def _keys_only(elements: list[Any], name: str) -> list[tuple[str | int, int]]:
    return [pair for _, keys in elements for pair in keys.get(name, ())]


def _edges_of_bucket(group: tuple[Any, list[tuple[Any, int]]], max_bucket: int) -> list[tuple[int, int]]:
    return bucket_edges((code for _, code in group[1]), max_bucket)


def bucket_edges(members: Iterable[int], max_bucket: int) -> list[tuple[int, int]]:
    """Candidate edges of one band bucket, as ``(i, j)`` with ``i < j``.

    Every pair up to ``max_bucket`` members (so a stage that compares each document with
    all earlier candidates sees exactly the pairs a streaming index would give it); a
    larger bucket (a boilerplate band shared by thousands of documents) contributes only
    the edges from its first member, which keeps the edge count linear.
    """
    ordered = sorted(set(members))
    if len(ordered) <= max_bucket:
        return list(itertools.combinations(ordered, 2))
    first = ordered[0]
    return [(first, other) for other in ordered[1:]]


def supports_distributed_corpus(stage: Any) -> bool:
    """True when ``stage`` implements the distributed corpus protocol.

    The protocol (plain methods of the picklable stage object, besides ``name``/``process``/``finalize``):

    - ``band_keys(doc) -> Iterable[str | int]``: runs in the workers, on each document right
      after the per-document passes (so it may read what ``process`` left in the document).
      Documents sharing any key are candidate duplicates. Keys must be ``str`` or ``int``.
    - ``link(docs, edges) -> Iterator[Document]``: runs in the driver. ``docs`` is an iterator
      over every document in input order; ``edges`` is a list of unique candidate pairs
      ``(i, j, shared)``, ``i < j`` (indices into the document stream; ``shared``: how many
      keys they share, to rank candidates), sorted by ``(j, i)``, so when document ``j``
      arrives all its candidates ``i`` have been seen. It verifies candidates,
      clusters them (union-find) and must yield exactly what ``finalize(docs)`` would yield.
    """
    return callable(getattr(stage, "band_keys", None)) and callable(getattr(stage, "link", None))


class DaskExecutor:
    """Run per-document work on a Dask cluster; results in input order.

    :param jobs: worker processes of the LocalCluster started when no scheduler is given.
    :param scheduler: ``None`` (start a LocalCluster), ``"synchronous"``, or a scheduler address.
    :param partition_size: work units per bag partition (one task each).
    :param partitions_per_chunk: partitions per computed chunk; two chunks are in flight.
    :param max_bucket: band buckets larger than this contribute star edges only (see :func:`bucket_edges`).
    :param distributed_corpus: run corpus passes that offer ``band_keys``/``link`` (dedup) as a shuffle in
        the cluster. Default: only with a scheduler address (a real cluster). On one machine the shuffle
        costs more than the driver's own streaming pass (BBC, 2 workers: 25 s against 14 s), so a
        ``LocalCluster`` or the synchronous scheduler runs ``finalize`` in the driver unless this is true.
    """

    def __init__(self, jobs: int = 1, scheduler: str | None = None, partition_size: int = 32,
                 partitions_per_chunk: int | None = None, max_bucket: int = 200,
                 distributed_corpus: bool | None = None) -> None:
        if jobs < 1:
            raise ValueError(f"jobs must be at least 1, got {jobs}")
        if partition_size < 1:
            raise ValueError(f"partition_size must be at least 1, got {partition_size}")
        try:
            import dask.bag  # noqa: F401
        except ImportError:
            raise UsageError("the dask executor needs the dask extra: pip install 'docpipe[dask]'") from None
        self.jobs = jobs
        self.scheduler = scheduler or None
        self.partition_size = partition_size
        self.partitions_per_chunk = partitions_per_chunk or max(4, 4 * jobs)
        self.max_bucket = max_bucket
        self.distributed_corpus = (self.scheduler not in (None, SYNCHRONOUS)) if distributed_corpus is None \
            else bool(distributed_corpus)
        self._client = None
        self._cluster = None
        #: Per corpus stage: its band-key bags (persisted in the cluster), or pairs (synchronous).
        self._keys: dict[str, list[Any]] = {}
        #: For each work unit, the index of its first document in the output stream.
        self._unit_first_doc = array.array("q")

    # ------------------------------------------------------------------------------ cluster
    @property
    def client(self):
        """The ``distributed.Client`` (connected or started on first use); ``None`` when synchronous."""
        if self.scheduler == SYNCHRONOUS:
            return None
        if self._client is None:
            try:
                from distributed import Client, LocalCluster
            except ImportError:
                raise UsageError("the dask executor needs distributed: pip install 'docpipe[dask]'") from None
            if self.scheduler is None:
                self._cluster = LocalCluster(n_workers=self.jobs, threads_per_worker=1, processes=True,
                                             dashboard_address=None)
                self._client = Client(self._cluster)
            else:
                self._client = Client(self.scheduler)
        return self._client

    def close(self) -> None:
        """Disconnect; a LocalCluster this executor started is shut down, an external scheduler is left running."""
        client, cluster = self._client, self._cluster
        self._client = self._cluster = None
        if client is not None:
            client.close()
        if cluster is not None:
            cluster.close()

    def _compute_async(self, collection):
        """Start computing ``collection``; returns something with ``.result()``."""
        client = self.client
        if client is None:
            return _Done(collection.compute(scheduler=SYNCHRONOUS))
        return client.compute(collection)

    # ------------------------------------------------------------------------------ map
    def map(self, fn: Callable[[Any], Any], items: Iterable[Any]) -> Iterator[Any]:
        """Yield ``fn(item)`` for every item, in input order, computed over dask.bag partitions.

        When ``fn`` carries stages (a docpipe worker) that implement the distributed corpus
        protocol, their band keys are computed in the same tasks and stay in the cluster
        (persisted) for :meth:`run_corpus`; only the documents come back to the driver.
        """
        import dask
        import dask.bag as db

        corpus_stages = tuple(s for s in _stages_of(fn) if supports_distributed_corpus(s)) \
            if self.distributed_corpus else ()
        self._keys = {stage.name: [] for stage in corpus_stages}
        self._unit_first_doc = array.array("q")
        # The worker function (the pickled stages) goes into each chunk's graph once, as one
        # delayed object, instead of once per task.
        fn_ref = dask.delayed(fn, pure=True, traverse=False)
        stages_ref = dask.delayed(corpus_stages, pure=True, traverse=False)
        chunk_units = self.partition_size * self.partitions_per_chunk
        iterator = iter(items)
        in_flight: list[Any] = []
        offset = documents = 0
        while True:
            chunk = list(itertools.islice(iterator, chunk_units))
            if chunk:
                bag = db.from_sequence(list(enumerate(chunk, start=offset)), partition_size=self.partition_size)
                offset += len(chunk)
                in_flight.append(self._start_chunk(bag.map_partitions(_run_partition, fn_ref, stages_ref)))
            if in_flight and (len(in_flight) >= 2 or not chunk):
                for result in in_flight.pop(0).result():
                    self._unit_first_doc.append(documents)
                    documents += len(getattr(result, "documents", ()))
                    yield result
            elif not chunk:
                return

    def _start_chunk(self, combined):
        """Start one chunk; keep its band keys (in the cluster when there is one); return its results' future."""
        client = self.client
        if client is None:
            elements = combined.compute(scheduler=SYNCHRONOUS)
            for name, pairs in self._keys.items():
                pairs.extend(_keys_only(elements, name))
            return _Done(_results_only(elements))
        if self._keys:
            combined = client.persist(combined)
            for name, bags in self._keys.items():
                bags.append(client.persist(combined.map_partitions(_keys_only, name)))
        return client.compute(combined.map_partitions(_results_only))

    # ------------------------------------------------------------------------------ corpus
    def run_corpus(self, stage: Any, docs: Iterable[Any]) -> Iterator[Any] | None:
        """The distributed corpus pass of ``stage``, or ``None`` when it has none (the driver runs ``finalize``).

        The documents arriving here are spooled to a temporary file in the driver (the
        edges depend on every document, and the texts need not stay in memory meanwhile);
        the band keys, already in the cluster, are shuffled by key into candidate edges;
        then ``stage.link`` streams the spooled documents with those edges.
        """
        if not self.distributed_corpus or not supports_distributed_corpus(stage):
            return None
        return self._distributed_link(stage, docs)

    def _distributed_link(self, stage: Any, docs: Iterable[Any]) -> Iterator[Any]:
        # Called before the map starts (everything is lazy): whether the keys were computed
        # is only known once the documents have streamed through.
        with _Spool() as spool:
            for doc in docs:  # drives the per-document map to its end
                spool.append(doc)
            if stage.name not in self._keys:  # the stage did not run in the map (not in the worker)
                yield from stage.finalize(spool.read())
                return
            edges = self.candidate_edges(stage.name)
            yield from stage.link(spool.read(), edges)

    def candidate_edges(self, name: str) -> list[tuple[int, int, int]]:
        """Shuffle the stage's ``(band key, code)`` pairs by key into candidate edges.

        Returns ``(i, j, shared)`` with ``i < j`` (document positions) and ``shared`` the
        number of keys the two documents share, sorted by ``(j, i)``.
        """
        import dask.bag as db

        kept = self._keys.get(name) or []
        if not kept:
            return []
        pairs = db.from_sequence(kept, partition_size=max(1, len(kept) // 8 or 1)) if self.client is None \
            else db.concat(kept)
        # A pair found in several buckets is counted once per shared key: the count ranks
        # candidates as a band index does ("shares the most bands first").
        edges = (pairs.groupby(lambda pair: pair[0])
                 .map(_edges_of_bucket, self.max_bucket).flatten().frequencies())
        counted = self._compute_async(edges).result()
        first = self._unit_first_doc
        mask = (1 << UNIT_SHIFT) - 1
        indexed = [(first[a >> UNIT_SHIFT] + (a & mask), first[b >> UNIT_SHIFT] + (b & mask), int(shared))
                   for (a, b), shared in counted]
        return sorted(indexed, key=lambda edge: (edge[1], edge[0]))


def _stages_of(fn: Any) -> tuple[Any, ...]:
    """The stages a docpipe worker (or a wrapper with ``inner``, as ``--resume`` uses) runs."""
    while fn is not None:
        stages = getattr(fn, "stages", None)
        if stages is not None:
            return tuple(stages)
        fn = getattr(fn, "inner", None)
    return ()


class _Spool:
    """Documents pickled to an anonymous temporary file, read back in order."""

    def __init__(self) -> None:
        self._fh = tempfile.TemporaryFile(prefix="docpipe-spool-")
        self.count = 0

    def append(self, doc: Any) -> None:
        pickle.dump(doc, self._fh, protocol=pickle.HIGHEST_PROTOCOL)
        self.count += 1

    def read(self) -> Iterator[Any]:
        self._fh.seek(0)
        for _ in range(self.count):
            yield pickle.load(self._fh)

    def __enter__(self) -> _Spool:
        return self

    def __exit__(self, *exc: object) -> None:
        self._fh.close()


class _Done:
    """A computed value with the ``.result()`` of a future (for the synchronous scheduler)."""

    def __init__(self, value: Any) -> None:
        self._value = value

    def result(self) -> Any:
        return self._value


@docpipe.hookimpl
def docpipe_register_executors(register):
    register(ExecutorSpec("dask", DaskExecutor,
                          description="a Dask cluster: LocalCluster (default), 'synchronous', or --scheduler ADDRESS"))
