"""The per-document work that executors run, possibly in another process.

A :class:`DocumentWorker` is a plain picklable object: the reader objects and the
stage objects of one pipeline. It never sees the plugin manager (hooks run in the
driver only). Calling it on a work unit (an input item, or a document already
read in the driver) returns a :class:`WorkResult` with the processed documents and
per-stage timings that the driver adds up.
"""

from __future__ import annotations

import time
from collections.abc import Mapping

import attrs

from docpipe.components import InputItem, Reader, Stage
from docpipe.ingest import read_item
from docpipe.model import Document, ErrorRecord, SpanError
from docpipe.stats import StageStats


@attrs.define
class WorkResult:
    documents: list[Document]
    stats: dict[str, StageStats]


@attrs.frozen
class DocumentWorker:
    """Reads one input (if needed) and runs every stage's ``process`` over its documents, in order.

    A stage that raises, or returns something that is not a valid document, adds an error
    record naming the stage; the document skips the remaining stages and still goes on to
    export. With ``fail_fast`` the exception propagates instead.
    """

    readers: Mapping[str, Reader]
    stages: tuple[Stage, ...]
    fail_fast: bool = False

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

    def _run_stage(self, stage: Stage, name: str, doc: Document) -> Document:
        try:
            result = stage.process(doc)
            if not isinstance(result, Document):
                raise TypeError(f"stage {name!r} returned {type(result).__name__}, not a Document")
            if result.text != doc.text:
                raise SpanError(f"stage {name!r} rewrote the document text; stages may only add annotations")
            return result
        except Exception as exc:  # noqa: BLE001 - isolate the faulty stage, keep the document
            if self.fail_fast:
                raise
            return doc.with_error(ErrorRecord.from_exception(name, exc, path=doc.source.uri))
