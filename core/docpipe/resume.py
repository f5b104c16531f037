"""``docpipe run --resume``: finish an interrupted run without redoing the documents it wrote.

An interrupted run leaves a complete JSONL output (the CLI commits every record written
before Ctrl-C). Resuming reads that file once and indexes its records by source path and
by document id, keeping only byte offsets, so memory does not grow with the texts. The
new run then expands the same inputs in the same order; a work unit whose records are
already in the output is not processed again: its records are read back
(:func:`~docpipe.serialize.document_from_dict`, an exact round trip) and put in the stream
at its place, where they still go through the corpus passes (so cross-document dedup
sees them exactly as in an uninterrupted run). The output is rewritten atomically with
the kept records and the new ones, in input order: the result equals an uninterrupted
run's output, and a second interrupt again leaves a complete, resumable file.

Matching: an input file (a work unit read in a worker) is done when some record has its
path as ``source``; a document read in the driver (a JSONL line, an archive member) is
done when some record has its ``id``.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator
from os import PathLike
from typing import Any

import attrs

from docpipe.components import InputItem
from docpipe.errors import UsageError
from docpipe.model import Document
from docpipe.pipeline import Pipeline
from docpipe.serialize import document_from_dict
from docpipe.worker import DocumentWorker, WorkResult


class ResumeState:
    """The records of an existing JSONL output, indexed by source path and by id (byte offsets only).

    A last line cut short (a crash, not an interrupt, while writing) is ignored: that
    document is simply processed again. Any other unreadable line is an error.
    """

    def __init__(self, path: str | PathLike) -> None:
        self.path = os.fspath(path)
        self._by_source: dict[str, list[int]] = {}
        self._by_id: dict[str, int] = {}
        self._used: set[int] = set()
        self.records = 0
        self._fh = None
        if os.path.exists(self.path):
            self._scan()

    def _scan(self) -> None:
        with open(self.path, "rb") as fh:
            offset = 0
            lines = iter(fh)
            for line in lines:
                start, offset = offset, offset + len(line)
                if not line.strip():
                    continue
                try:
                    record = json.loads(line)
                    source, doc_id = record["source"], record["id"]
                except (ValueError, KeyError, TypeError) as exc:
                    if next(lines, None) is None and not line.endswith(b"\n"):
                        break  # a half-written last line: redo that document
                    raise UsageError(f"--resume: {self.path} is not a docpipe JSONL output "
                                     f"(bad record at byte {start}: {exc})") from None
                self._by_source.setdefault(source, []).append(start)
                self._by_id.setdefault(doc_id, start)
                self.records += 1

    def _read(self, offset: int) -> Document:
        if self._fh is None:
            # Kept open: the atomic exporter later replaces the file, and an open handle
            # still reads the old contents on POSIX.
            self._fh = open(self.path, "rb")  # noqa: SIM115
        self._fh.seek(offset)
        self._used.add(offset)
        return document_from_dict(json.loads(self._fh.readline()))

    def done_for_item(self, item: InputItem) -> list[Document] | None:
        """The documents already written for this input file, or ``None`` when it still has to run."""
        offsets = self._by_source.get(item.uri)
        return None if offsets is None else [self._read(o) for o in offsets]

    def done_for_document(self, doc: Document) -> Document | None:
        """The written version of a document read in the driver, or ``None``."""
        offset = self._by_id.get(doc.id)
        return None if offset is None else self._read(offset)

    @property
    def kept(self) -> int:
        """Records restored into the new output so far."""
        return len(self._used)

    @property
    def unmatched(self) -> int:
        """Records of the old output that no input of this run produced (dropped from the new output)."""
        return self.records - len(self._used)

    def close(self) -> None:
        if self._fh is not None:
            self._fh.close()
            self._fh = None


@attrs.frozen
class Restored:
    """A work unit whose documents come from the previous output instead of being processed."""

    documents: tuple[Document, ...]


@attrs.frozen
class ResumeWorker:
    """A :class:`DocumentWorker` that passes :class:`Restored` units through untouched (picklable)."""

    inner: DocumentWorker

    @property
    def readers(self):
        return self.inner.readers

    def process(self, doc: Document, stats: Any = None) -> Document:
        return self.inner.process(doc, stats)

    def __call__(self, unit: Any) -> WorkResult:
        if isinstance(unit, Restored):
            return WorkResult(list(unit.documents), {})
        return self.inner(unit)


class ResumingPipeline(Pipeline):
    """A :class:`Pipeline` that takes finished work units from a previous output (see the module docs)."""

    def __init__(self, *args: Any, resume: ResumeState, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.resume = resume

    def _build_worker(self) -> ResumeWorker:  # type: ignore[override]
        worker = super()._build_worker()
        return worker if isinstance(worker, ResumeWorker) else ResumeWorker(worker)

    def _work_units(self, inputs: Iterable[str | PathLike | Document]) -> Iterator[Any]:
        for unit in super()._work_units(inputs):
            if isinstance(unit, InputItem):
                done = self.resume.done_for_item(unit)
                yield unit if done is None else Restored(tuple(done))
            else:
                done_doc = self.resume.done_for_document(unit)
                yield unit if done_doc is None else Restored((done_doc,))


__all__ = ["Restored", "ResumeState", "ResumeWorker", "ResumingPipeline"]
