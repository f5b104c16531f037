"""From command-line paths to :class:`~docpipe.components.InputItem` objects, and from items to documents.

``expand_inputs`` walks files, directories (recursively, sorted, with include/exclude
globs), glob patterns and ``-`` (stdin) lazily. A path that does not exist becomes an
error document right away, so every input shows up in the output.

``read_item`` runs a reader on one item and turns any exception into an error
document naming the file and the problem: one broken input never stops the others.

Archives (``.gz``, ``.zip``) are expanded into their members by :mod:`docpipe.containers`,
which the pipeline applies to what ``expand_inputs`` yields.
"""

from __future__ import annotations

import fnmatch
import glob
import os
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path

from docpipe.components import InputItem, Reader
from docpipe.errors import InputError
from docpipe.model import Document, error_document

HEAD_BYTES = 4096
_GLOB_CHARS = set("*?[")


def path_matches(path: str, patterns: Sequence[str]) -> bool:
    """True when ``path`` or its base name matches one of the glob ``patterns`` (include/exclude)."""
    name = os.path.basename(path)
    return any(fnmatch.fnmatch(name, p) or fnmatch.fnmatch(path, p) for p in patterns)


_matches = path_matches  # the historical private name


def _walk(root: str, include: Sequence[str], exclude: Sequence[str]) -> Iterator[str]:
    """Files under ``root`` in a deterministic (sorted) order, hidden files and folders skipped."""
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if name.startswith("."):
                continue
            path = os.path.join(dirpath, name)
            if include and not _matches(path, include):
                continue
            if exclude and _matches(path, exclude):
                continue
            yield path


def expand_inputs(
    paths: Iterable[str],
    *,
    include: Sequence[str] = (),
    exclude: Sequence[str] = (),
    stdin: Callable[[], bytes] | None = None,
) -> Iterator[InputItem | Document]:
    """Yield an item per input file, or an error document for a path that cannot be used."""
    for given in paths:
        if given == "-":
            reader = stdin or (lambda: sys.stdin.buffer.read())
            yield InputItem(uri="-", data=reader())
        elif os.path.isdir(given):
            for path in _walk(given, include, exclude):
                yield InputItem(uri=path, path=path)
        elif os.path.isfile(given):
            yield InputItem(uri=given, path=given)
        elif _GLOB_CHARS & set(given):
            matches = sorted(glob.glob(given, recursive=True))
            files = [m for m in matches if os.path.isfile(m) and not (exclude and _matches(m, exclude))]
            if not files:
                yield error_document(given, "ingest", InputError(f"{given}: no file matches this pattern"))
            for path in files:
                yield InputItem(uri=path, path=path)
        elif os.path.exists(given):
            yield error_document(given, "ingest", InputError(f"{given}: not a regular file"))
        else:
            yield error_document(given, "ingest", FileNotFoundError(f"{given}: no such file or directory"))


def detect_format(
    item: InputItem,
    suffix_map: Mapping[str, str],
    sniff: Callable[[str, bytes], str | None] | None = None,
    default: str = "text",
) -> str:
    """The reader name for an item: by suffix first, then by content sniffing, else ``default``."""
    if item.format:
        return item.format
    name = item.uri.rsplit("/", 1)[-1].lower()
    # Longest matching suffix wins, so ".xml.gz" can be claimed separately from ".gz".
    for suffix in sorted(suffix_map, key=len, reverse=True):
        if name.endswith(suffix):
            return suffix_map[suffix]
    if sniff is not None:
        try:
            head = item.read_bytes(HEAD_BYTES)
        except OSError:
            return default  # the reader will report the read error with the file name
        found = sniff(item.uri, head)
        if found:
            return found
    return default


def read_item(item: InputItem, reader: Reader, reader_name: str) -> Iterator[Document]:
    """Run ``reader`` on ``item``; an exception becomes an error document for that input.

    Documents already yielded before a failure are kept (a JSONL file with a bad tail keeps
    its good lines); the failure itself is one more error record.
    """
    produced = 0
    try:
        for doc in reader.read(item):
            produced += 1
            yield doc
    except Exception as exc:  # noqa: BLE001 - any reader failure is a per-input error record
        message = _describe(item, exc)
        yield error_document(
            item.uri, "ingest", type(exc)(message) if _rebuildable(exc) else InputError(message),
            format=reader_name, index=produced if produced else None,
        )


def _describe(item: InputItem, exc: BaseException) -> str:
    text = str(exc) or type(exc).__name__
    if isinstance(exc, OSError) and exc.strerror:
        text = exc.strerror
    return text if item.uri in text else f"{item.uri}: {text}"


def _rebuildable(exc: BaseException) -> bool:
    try:
        type(exc)("x")
        return True
    except Exception:  # noqa: BLE001
        return False


def file_size(item: InputItem) -> int:
    if item.data is not None:
        return len(item.data)
    try:
        return Path(item.path or item.uri).stat().st_size
    except OSError:
        return 0
