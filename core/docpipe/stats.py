"""Run and stage statistics, passed to lifecycle hooks and printed by ``--stats``."""

from __future__ import annotations

import attrs


@attrs.frozen
class RunInfo:
    """What a run was asked to do."""

    stages: tuple[str, ...]
    executor: str
    jobs: int
    inputs: tuple[str, ...] = ()
    output: str | None = None
    exporter: str | None = None


@attrs.define
class StageStats:
    """Totals for one stage over one run. ``seconds`` is summed over workers (CPU-side time)."""

    name: str
    documents: int = 0
    failed: int = 0
    seconds: float = 0.0

    def add(self, other: StageStats) -> None:
        self.documents += other.documents
        self.failed += other.failed
        self.seconds += other.seconds

    def as_dict(self) -> dict:
        return {"name": self.name, "documents": self.documents, "failed": self.failed, "seconds": self.seconds}


@attrs.define
class RunSummary:
    """What a run did. ``status`` is ``ok``, ``failed`` (some documents failed), ``interrupted`` or ``error``."""

    documents: int = 0
    failed: int = 0
    quotes: int = 0
    duplicates: int = 0
    seconds: float = 0.0
    status: str = "ok"
    stages: dict[str, StageStats] = attrs.field(factory=dict)

    def count(self, doc) -> None:  # noqa: ANN001 - Document, kept untyped to avoid an import cycle
        self.documents += 1
        if doc.errors:
            self.failed += 1
        self.quotes += len(doc.quotes)
        if doc.duplicate_of is not None:
            self.duplicates += 1
        self.duplicates += sum(1 for p in doc.paragraphs if p.duplicate_of is not None)
        self.duplicates += sum(1 for q in doc.quotes if q.duplicate_of is not None)

    def one_line(self) -> str:
        return (
            f"docpipe: {self.documents} documents, {self.quotes} quotes, {self.duplicates} duplicates, "
            f"{self.failed} failed in {self.seconds:.2f}s"
        )

    def as_dict(self) -> dict:
        return {
            "documents": self.documents,
            "failed": self.failed,
            "quotes": self.quotes,
            "duplicates": self.duplicates,
            "seconds": self.seconds,
            "status": self.status,
            "stages": {k: v.as_dict() for k, v in self.stages.items()},
        }
