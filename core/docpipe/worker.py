"""The per-document work that executors run, possibly in another process.

A :class:`DocumentWorker` is a plain picklable object: the reader objects and the
stage objects of one pipeline, plus the per-document limits. It never sees the plugin
manager (hooks run in the driver only). Calling it on a work unit (an input item, or
a document already read in the driver) returns a :class:`WorkResult` with the
processed documents and per-stage timings that the driver adds up.

Fault isolation (see ``docs/guarantees.md``): a stage that raises, runs past the
per-document ``timeout``, returns something that is not a :class:`Document`, rewrites
the text, produces annotations outside the text, or produces more than ``max_quotes``
quotes, gives the document one error record naming the stage *and the plugin that
registered it*; the document skips the remaining stages and still reaches the output.
"""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Mapping
from typing import Self

import attrs

from docpipe.components import InputItem, Reader, Stage
from docpipe.errors import DocpipeError, StageTimeout
from docpipe.ingest import read_item
from docpipe.model import Document, ErrorRecord, SpanError
from docpipe.stats import StageStats


class TooManyQuotes(DocpipeError):
    """A stage left a document with more quotes than ``pipeline.max_quotes`` allows."""


class _DeadlinePassed(BaseException):
    """Raised by the SIGALRM handler inside a stage that ran past its timeout.

    A ``BaseException`` on purpose: a plugin's own ``except Exception`` must not swallow
    the timeout. The worker turns it into a :class:`~docpipe.errors.StageTimeout` record.
    """


def timeouts_supported() -> bool:
    """True where a per-document timeout can be enforced here: POSIX ``setitimer``, in the main thread.

    Signal handlers can only be installed from a process's main thread, and ``setitimer``
    does not exist on Windows. Elsewhere (a thread-based executor, Windows) stages run
    without a time limit; everything else about fault isolation still holds.
    """
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


class _Deadline:
    """Arm ``ITIMER_REAL`` for ``seconds`` around one stage call; restore whatever was there before.

    The previous SIGALRM handler and any timer already running (a caller's own alarm) are
    put back on exit, with the time spent here subtracted from that timer.
    """

    __slots__ = ("_active", "_previous_handler", "_previous_timer", "_started", "seconds")

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self._active = False

    def _on_alarm(self, signum, frame) -> None:
        if self._active:
            raise _DeadlinePassed()

    def __enter__(self) -> Self:
        self._previous_handler = signal.signal(signal.SIGALRM, self._on_alarm)
        self._started = time.monotonic()
        self._active = True
        # The interval re-fires the alarm every 0.1 s: a stage that catches the first one with a
        # bare ``except:`` and carries on gets another, until it gives up.
        self._previous_timer = signal.setitimer(signal.ITIMER_REAL, self.seconds, 0.1)
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        # Disarm first: an alarm that lands between here and the handler swap is ignored.
        self._active = False
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, self._previous_handler)
        remaining, interval = self._previous_timer
        if remaining > 0:
            left = remaining - (time.monotonic() - self._started)
            signal.setitimer(signal.ITIMER_REAL, max(left, 1e-3), interval)


@attrs.define
class WorkResult:
    documents: list[Document]
    stats: dict[str, StageStats]


@attrs.frozen
class DocumentWorker:
    """Reads one input (if needed) and runs every stage's ``process`` over its documents, in order.

    :param readers: reader name -> reader object.
    :param stages: the stage objects, in order.
    :param fail_fast: let a stage's exception propagate instead of recording it.
    :param timeout: seconds one stage may spend on one document (``None``: no limit). Enforced
        with ``signal.setitimer`` where :func:`timeouts_supported`; a stage past its time gets a
        :class:`~docpipe.errors.StageTimeout` record.
    :param max_quotes: the most quotes a document may carry after any stage (``None``: no limit);
        over it, the stage's result is dropped and a :class:`TooManyQuotes` record added.
    :param plugins: stage name -> name of the plugin that registered it, for error messages.
    """

    readers: Mapping[str, Reader]
    stages: tuple[Stage, ...]
    fail_fast: bool = False
    timeout: float | None = None
    max_quotes: int | None = None
    plugins: Mapping[str, str] = attrs.field(factory=dict)

    def __call__(self, unit: InputItem | Document) -> WorkResult:
        stats: dict[str, StageStats] = {}
        if isinstance(unit, Document):
            docs = [unit]
        else:
            started = time.perf_counter()
            name = unit.format or "text"
            docs = list(read_item(unit, self.readers[name], name))
            stats["ingest"] = StageStats("ingest", len(docs), sum(1 for d in docs if d.errors),
                                         time.perf_counter() - started)
        return WorkResult([self.process(doc, stats) for doc in docs], stats)

    def process(self, doc: Document, stats: dict[str, StageStats] | None = None) -> Document:
        if stats is None:
            stats = {}
        for stage in self.stages:
            if doc.errors:
                break  # a failed document keeps what it has and goes straight to export
            name = getattr(stage, "name", type(stage).__name__)
            entry = stats.setdefault(name, StageStats(name))
            started = time.perf_counter()
            doc = self._run_stage(stage, name, doc)
            entry.seconds += time.perf_counter() - started
            entry.documents += 1
            if doc.errors:
                entry.failed += 1
        return doc

    def plugin_of(self, stage: Stage, name: str) -> str:
        """The plugin a stage came from: its registering plugin, else the module of its class."""
        return self.plugins.get(name) or type(stage).__module__

    def _run_stage(self, stage: Stage, name: str, doc: Document) -> Document:
        plugin = self.plugin_of(stage, name)
        try:
            result = self._call_with_timeout(stage, name, doc)
            if not isinstance(result, Document):
                raise TypeError(f"stage {name!r} returned {type(result).__name__}, not a Document")
            if result.text != doc.text:
                raise SpanError(f"stage {name!r} rewrote the document text; stages may only add annotations")
            if self.max_quotes is not None and len(result.quotes) > self.max_quotes:
                raise TooManyQuotes(
                    f"stage {name!r} found {len(result.quotes)} quotes, over the limit of {self.max_quotes} "
                    f"(pipeline.max_quotes, --max-quotes); its annotations were dropped")
            return result
        except Exception as exc:
            if self.fail_fast:
                raise
            record = ErrorRecord.from_exception(name, exc, path=doc.source.uri)
            # The plugin's name goes into the message, so a user knows whom to report it to.
            record = attrs.evolve(record, message=f"[plugin {plugin}] {record.message}")
            return doc.with_error(record)

    def _call_with_timeout(self, stage: Stage, name: str, doc: Document) -> Document:
        if not self.timeout or self.timeout <= 0 or not timeouts_supported():
            return stage.process(doc)
        try:
            with _Deadline(self.timeout):
                return stage.process(doc)
        except _DeadlinePassed:
            raise StageTimeout(
                f"stage {name!r} took longer than {self.timeout:g} s on this document "
                f"(pipeline.timeout, --timeout)") from None
