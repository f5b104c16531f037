"""The local executor: in-process for ``-j 1``, a spawn-safe process pool for ``-j N``.

Results come back in input order, and at most ``jobs * prefetch`` work units are in
flight at once, so memory stays flat however long the input stream is. The pool uses
the ``spawn`` start method everywhere: stage objects travel by pickle, and nothing
relies on state inherited through ``fork``.
"""

from __future__ import annotations

import collections
import multiprocessing
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from typing import Any

import docpipe
from docpipe.components import ExecutorSpec

_worker_fn: Callable[[Any], Any] | None = None


def _install(fn: Callable[[Any], Any]) -> None:
    """Pool initializer: the worker function (the pickled pipeline) is sent once per process."""
    global _worker_fn
    _worker_fn = fn


def _call(item: Any) -> Any:
    assert _worker_fn is not None, "worker process was not initialised"
    return _worker_fn(item)


def _call_batch(items: list[Any]) -> list[Any]:
    return [_call(item) for item in items]


class LocalExecutor:
    """Run work in this process (``jobs=1``) or in ``jobs`` spawned worker processes.

    :param jobs: number of processes; 1 runs everything in the calling process.
    :param batch: work units sent to a worker at once (amortises pickling).
    :param prefetch: batches in flight per worker.
    """

    def __init__(self, jobs: int = 1, batch: int = 8, prefetch: int = 4) -> None:
        if jobs < 1:
            raise ValueError(f"jobs must be at least 1, got {jobs}")
        self.jobs = jobs
        self.batch = max(1, batch)
        self.prefetch = max(1, prefetch)
        self._pool: ProcessPoolExecutor | None = None

    def map(self, fn: Callable[[Any], Any], items: Iterable[Any]) -> Iterator[Any]:
        if self.jobs == 1:
            for item in items:
                yield fn(item)
            return
        self._pool = ProcessPoolExecutor(
            max_workers=self.jobs, mp_context=multiprocessing.get_context("spawn"),
            initializer=_install, initargs=(fn,),
        )
        pending: collections.deque = collections.deque()
        limit = self.jobs * self.prefetch
        batch: list[Any] = []
        for item in items:
            batch.append(item)
            if len(batch) >= self.batch:
                pending.append(self._pool.submit(_call_batch, batch))
                batch = []
                while len(pending) >= limit:
                    yield from pending.popleft().result()
        if batch:
            pending.append(self._pool.submit(_call_batch, batch))
        while pending:
            yield from pending.popleft().result()

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None


@docpipe.hookimpl
def docpipe_register_executors(register):
    register(ExecutorSpec("local", LocalExecutor,
                          description="this machine: in-process for -j 1, a spawn process pool for -j N"))
