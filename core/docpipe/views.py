"""Export views: what the exporter sees of each document.

The default view is everything, with duplicate links. The *clean* view
(``docpipe run --drop-duplicates``) leaves out duplicate documents, paragraphs and
quotes, and writes what it left out to an audit sidecar (JSONL), so nothing is lost.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from docpipe.atomic import AtomicFile
from docpipe.components import Exporter
from docpipe.errors import UsageError
from docpipe.model import Document

DropFunction = Callable[[Document], "tuple[Document | None, list[dict[str, Any]]]"]


def default_drop_function() -> DropFunction:
    """The clean view of the built-in dedup plugin (its annotations decide what is a duplicate)."""
    try:
        from docpipe_builtins.dedup.clean_view import drop_duplicates
    except ImportError as exc:  # pragma: no cover - only without the built-in plugins
        raise UsageError(f"--drop-duplicates needs the built-in dedup plugin: {exc}") from None
    return drop_duplicates


def sidecar_path(target: str) -> str:
    """Where the records of what was left out go: ``OUT.dropped.jsonl`` beside the output."""
    return f"{target.rstrip('/')}.dropped.jsonl"


class CleanViewExporter:
    """Wraps an exporter: duplicates are left out of it and recorded in an atomic JSONL sidecar."""

    def __init__(self, inner: Exporter, sidecar: str, drop: DropFunction | None = None) -> None:
        self.inner = inner
        self.drop = drop or default_drop_function()
        self._sidecar = AtomicFile(sidecar)
        self.left_out = 0

    def write(self, doc: Document) -> None:
        clean, records = self.drop(doc)
        for record in records:
            self._sidecar.write(json.dumps(record, ensure_ascii=False) + "\n")
        self.left_out += len(records)
        if clean is not None:
            self.inner.write(clean)

    def close(self) -> None:
        self.inner.close()
        self._sidecar.commit()

    def abort(self) -> None:
        self.inner.abort()
        self._sidecar.abort()
