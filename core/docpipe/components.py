"""What plugins register: readers, stages, exporters, executors and CLI commands.

Each registration is a small *spec* (a name, a description and a factory). The
factory builds a plain object that does the work. Reader and stage objects are
sent to worker processes, so they must pickle: keep them to plain attributes
(no open files, no plugin manager, no lambdas).
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Iterable, Iterator
from typing import IO, Any, Protocol, runtime_checkable

import attrs

from docpipe.model import Document


# --------------------------------------------------------------------------- inputs
@attrs.frozen(slots=True)
class InputItem:
    """One input as the driver found it: a file on disk, or bytes already read (stdin, an archive member).

    ``uri`` is the path exactly as the user gave it (``-`` for stdin); readers put it in ``Source.uri``.
    ``format`` is the reader name chosen by format detection.
    """

    uri: str
    path: str | None = None
    data: bytes | None = None
    format: str | None = None

    def open(self) -> IO[bytes]:
        import io

        if self.data is not None:
            return io.BytesIO(self.data)
        if self.path is None:
            raise FileNotFoundError(f"{self.uri}: nothing to read")
        return open(self.path, "rb")

    def read_bytes(self, limit: int | None = None) -> bytes:
        """All the bytes (or the first ``limit``)."""
        if self.data is not None:
            return self.data if limit is None else self.data[:limit]
        with self.open() as fh:
            return fh.read() if limit is None else fh.read(limit)

    @property
    def suffix(self) -> str:
        """The lower-case file suffix(es) that decide the format: ``.txt``, ``.jsonl``, ``.xml.gz`` -> ``.gz``."""
        name = self.uri.rsplit("/", 1)[-1]
        return ("." + name.rsplit(".", 1)[-1].lower()) if "." in name else ""


# --------------------------------------------------------------------------- protocols
@runtime_checkable
class Reader(Protocol):
    """Turns one input into documents. Yields an error document (``model.error_document``) for input it cannot read."""

    def read(self, item: InputItem) -> Iterator[Document]: ...


@runtime_checkable
class Stage(Protocol):
    """Per-document work. ``process`` runs in worker processes; it must not touch the plugin manager.

    A stage may also define ``finalize(docs)``: a corpus-level pass that runs in the driver,
    after every per-document pass, over the documents in input order (cross-document dedup
    does this). It must yield every document it receives, in order.
    """

    name: str

    def process(self, doc: Document) -> Document: ...


class Exporter(Protocol):
    """Writes documents to one target. ``close`` commits the output atomically; ``abort`` discards it."""

    def write(self, doc: Document) -> None: ...

    def close(self) -> None: ...

    def abort(self) -> None: ...


class Executor(Protocol):
    """Decides *where* per-document work runs. ``map`` must yield results in input order."""

    def map(self, fn: Callable[[Any], Any], items: Iterable[Any]) -> Iterator[Any]: ...

    def close(self) -> None: ...


class BaseStage:
    """Convenience base class: a stage that does nothing until you override ``process``."""

    name: str = "stage"

    def process(self, doc: Document) -> Document:
        return doc

    def __repr__(self) -> str:
        return f"<stage {self.name}>"


# --------------------------------------------------------------------------- specs
@attrs.frozen
class ReaderSpec:
    """A reader registration.

    ``suffixes``: file suffixes it claims (``.txt``). ``multi_document``: one input may hold many
    documents (JSONL, zip); such inputs are read in the driver and their documents sent to the
    workers one by one, so memory stays flat on huge files.
    """

    name: str
    factory: Callable[..., Reader]
    suffixes: tuple[str, ...] = attrs.field(default=(), converter=tuple)
    description: str = ""
    multi_document: bool = False


@attrs.frozen
class StageSpec:
    name: str
    factory: Callable[..., Stage]
    description: str = ""


@attrs.frozen
class ExporterSpec:
    """An exporter registration. ``factory(target, **options)``; ``target`` is a path, or ``-`` for stdout.

    ``binary_target``: the format cannot go to stdout (SQLite).
    """

    name: str
    factory: Callable[..., Exporter]
    suffixes: tuple[str, ...] = attrs.field(default=(), converter=tuple)
    description: str = ""
    binary_target: bool = False


@attrs.frozen
class ExecutorSpec:
    """``factory(jobs=N, **options)`` returns an :class:`Executor`."""

    name: str
    factory: Callable[..., Executor]
    description: str = ""


@attrs.frozen
class CommandSpec:
    """A CLI subcommand. ``configure(parser)`` adds its arguments; ``handler(args, engine)`` returns an exit code."""

    name: str
    handler: Callable[[argparse.Namespace, Any], int]
    help: str = ""
    configure: Callable[[argparse.ArgumentParser], None] | None = None


ComponentSpec = ReaderSpec | StageSpec | ExporterSpec | ExecutorSpec | CommandSpec
