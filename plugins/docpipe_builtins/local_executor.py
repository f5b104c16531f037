"""The local executor: in-process for ``-j 1``, a spawn-safe process pool for ``-j N``.

Results come back in input order, and at most ``jobs * prefetch`` batches of work units
are in flight at once, so memory stays flat however long the input stream is (the
input iterator is only advanced when a slot frees up). The pool uses the ``spawn``
start method everywhere: stage objects travel by pickle, and nothing relies on state
inherited through ``fork``.

A worker process that dies (a segfault in a C extension, ``os._exit`` in a plugin, the
OOM killer) breaks a ``ProcessPoolExecutor`` for every task in flight. The executor
then starts a fresh pool, re-runs the batch at the head of the queue one unit at a
time to find the unit that kills its worker, turns that unit into an error record
(:class:`WorkerCrashed`, stage ``worker``), and resubmits the other unfinished batches:
one bad document costs one error record, never the rest of the run. A result that
cannot travel back (it does not pickle) is isolated the same way and becomes an error
record (:class:`WorkerTransferError`), unless the worker is fail-fast.
"""

from __future__ import annotations

import collections
import contextlib
import multiprocessing
import signal
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any

import docpipe
from docpipe.components import ExecutorSpec, InputItem
from docpipe.model import Document, ErrorRecord, error_document
from docpipe.worker import WorkResult

_worker_fn: Callable[[Any], Any] | None = None


class WorkerCrashed(RuntimeError):
    """A worker process died while it held this work unit (the unit's error record names this type)."""


class WorkerTransferError(RuntimeError):
    """The unit's result could not travel back from the worker process (e.g. it does not pickle)."""


def crash_result(item: Any, exc: BaseException) -> WorkResult:
    """The result that stands for a work unit whose worker process died: one error document.

    An input item becomes an empty error document for its path (as an unreadable input
    does); a document read in the driver keeps its text and gets an error record.
    """
    message = f"the worker process died while processing this input ({type(exc).__name__}: {exc})"
    return _error_result(item, WorkerCrashed(message))


def transfer_error_result(item: Any, exc: BaseException) -> WorkResult:
    """The result that stands for a unit whose result failed between worker and driver."""
    message = (f"the result could not be sent back from the worker process ({type(exc).__name__}: {exc}); "
               f"a stage probably put an object that does not pickle into the document")
    return _error_result(item, WorkerTransferError(message))


def _error_result(item: Any, error: Exception) -> WorkResult:
    if isinstance(item, Document):
        record = ErrorRecord(stage="worker", type=type(error).__name__, message=str(error), path=item.source.uri)
        return WorkResult([item.with_error(record)], {})
    if isinstance(item, InputItem):
        return WorkResult([error_document(item.uri, "worker", error, format=item.format or "unknown")], {})
    raise error  # not a docpipe work unit: nothing sensible to stand in for it


def _install(fn: Callable[[Any], Any]) -> None:
    """Pool initializer: the worker function (the pickled pipeline) is sent once per process.

    Workers ignore SIGINT: Ctrl-C reaches the whole process group, and only the driver
    should react to it (it stops the pool and commits what was written), instead of every
    worker printing a KeyboardInterrupt traceback.
    """
    global _worker_fn
    _worker_fn = fn
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _call(item: Any) -> Any:
    assert _worker_fn is not None, "worker process was not initialised"
    return _worker_fn(item)


def _call_batch(items: list[Any]) -> list[Any]:
    return [_call(item) for item in items]


class _InFlight:
    """One submitted batch: its work units (kept so they can be re-run) and its future."""

    __slots__ = ("future", "items")

    def __init__(self, items: list[Any], future: Future) -> None:
        self.items = items
        self.future = future


def _batches(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    batch: list[Any] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


class LocalExecutor:
    """Run work in this process (``jobs=1``) or in ``jobs`` spawned worker processes.

    :param jobs: number of processes; 1 runs everything in the calling process (a crash
        there ends the run: use ``-j 2`` or more to survive crashing plugins).
    :param batch: work units sent to a worker at once (amortises pickling and IPC).
    :param prefetch: batches in flight per worker; bounds memory together with ``batch``.
    """

    def __init__(self, jobs: int = 1, batch: int = 8, prefetch: int = 4) -> None:
        if jobs < 1:
            raise ValueError(f"jobs must be at least 1, got {jobs}")
        self.jobs = jobs
        self.batch = max(1, batch)
        self.prefetch = max(1, prefetch)
        self._pool: ProcessPoolExecutor | None = None
        self._fn: Callable[[Any], Any] | None = None
        #: Worker crashes survived in the last run (each became one error record).
        self.crashes = 0
        #: Pools started in the last run (1 + restarts after crashes).
        self.pools_started = 0

    # ------------------------------------------------------------------------------ public
    def map(self, fn: Callable[[Any], Any], items: Iterable[Any]) -> Iterator[Any]:
        """Yield ``fn(item)`` for every item, in input order."""
        if self.jobs == 1:
            for item in items:
                yield fn(item)
            return
        self._fn = fn
        self._start_pool()
        pending: collections.deque[_InFlight] = collections.deque()
        limit = self.jobs * self.prefetch
        try:
            for batch in _batches(items, self.batch):
                pending.append(_InFlight(batch, self._submit(batch)))
                while len(pending) >= limit:
                    yield from self._next_results(pending)
            while pending:
                yield from self._next_results(pending)
        except BaseException:
            # Interrupted (Ctrl-C), abandoned by the consumer, or a fail-fast error: stop now
            # rather than finishing the queued batches nobody will read.
            self._stop(kill=True)
            raise

    def close(self) -> None:
        self._stop(kill=False)

    # ------------------------------------------------------------------------------ pool
    def _start_pool(self) -> None:
        self._pool = ProcessPoolExecutor(
            max_workers=self.jobs, mp_context=multiprocessing.get_context("spawn"),
            initializer=_install, initargs=(self._fn,),
        )
        self.pools_started += 1

    def _restart_pool(self) -> None:
        self._stop(kill=True)
        self._start_pool()

    def _stop(self, *, kill: bool) -> None:
        pool, self._pool = self._pool, None
        if pool is None:
            return
        if kill:
            # ProcessPoolExecutor has no public way to stop running tasks; terminating the
            # workers is the only way not to wait for them (they hold no output of ours).
            for process in list((getattr(pool, "_processes", None) or {}).values()):
                with contextlib.suppress(Exception):
                    process.terminate()
        with contextlib.suppress(Exception):
            pool.shutdown(wait=True, cancel_futures=True)

    def _submit(self, batch: list[Any]) -> Future:
        assert self._pool is not None
        try:
            return self._pool.submit(_call_batch, batch)
        except BrokenProcessPool as exc:
            # A resubmitted batch crashed the pool while more work was being queued: hand back a
            # failed future, so this batch is retried (and isolated) when it reaches the head.
            failed: Future = Future()
            failed.set_exception(exc)
            return failed

    # ------------------------------------------------------------------------------ results
    def _next_results(self, pending: collections.deque[_InFlight]) -> list[Any]:
        head = pending.popleft()
        try:
            return head.future.result()
        except BrokenProcessPool:
            pass
        except Exception:
            # The worker catches every stage exception itself (unless fail-fast), so what
            # reaches us is the batch's transfer failing, typically a result that does not
            # pickle. Find the units concerned and give each an error record.
            if self._fail_fast():
                raise
            return self._isolate(head.items)
        # A worker died. Every future of the old pool is failed (or finished before the
        # crash). Isolate the head batch unit by unit in a fresh pool, then resubmit the
        # unfinished batches behind it; if the culprit is among those, it breaks the new
        # pool in turn and is isolated when it reaches the head. Each round settles at
        # least the head batch, so this always terminates.
        self._restart_pool()
        results = self._isolate(head.items)
        for entry in pending:
            # cancelled() first: exception() raises on a cancelled future. Either way it
            # returns at once: the old pool has been shut down, every future is settled.
            if entry.future.cancelled() or entry.future.exception() is not None:
                entry.future = self._submit(entry.items)
        return results

    def _isolate(self, batch: list[Any]) -> list[Any]:
        results: list[Any] = []
        for item in batch:
            try:
                results.extend(self._submit([item]).result())
            except BrokenProcessPool as exc:
                self.crashes += 1
                results.append(crash_result(item, exc))
                self._restart_pool()
            except Exception as exc:
                if self._fail_fast():
                    raise
                results.append(transfer_error_result(item, exc))
        return results

    def _fail_fast(self) -> bool:
        """Whether the worker function lets stage errors through (then any error ends the run)."""
        fn = self._fn
        while fn is not None:
            if hasattr(fn, "fail_fast"):
                return bool(fn.fail_fast)
            fn = getattr(fn, "inner", None)  # --resume wraps the worker
        return False


@docpipe.hookimpl
def docpipe_register_executors(register):
    register(ExecutorSpec("local", LocalExecutor,
                          description="this machine: in-process for -j 1, a spawn process pool for -j N"))
