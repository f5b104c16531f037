"""Atomic output files: write to a temporary file beside the target, rename into place on success.

A crash or an interrupt never leaves a half-written file at the target path: either
the previous file (or none) is there, or the complete new one.
"""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from typing import IO


def _current_umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


class AtomicFile:
    """A file opened for writing that only appears at ``path`` when :meth:`commit` is called.

    ``path == "-"`` writes to standard output instead (nothing to rename).
    """

    def __init__(self, path: str, mode: str = "w", *, encoding: str | None = "utf-8", newline: str | None = None):
        self.path = path
        self._stdout = path == "-"
        self.closed = False
        if self._stdout:
            self.fh: IO = sys.stdout.buffer if "b" in mode else sys.stdout
            self._tmp = None
            return
        directory = os.path.dirname(os.path.abspath(path)) or "."
        os.makedirs(directory, exist_ok=True)
        fd, self._tmp = tempfile.mkstemp(prefix=f".{os.path.basename(path)}.", suffix=".tmp", dir=directory)
        # mkstemp makes the file private (0600); an output file gets the usual permissions instead.
        os.chmod(self._tmp, 0o666 & ~_current_umask())
        kwargs = {} if "b" in mode else {"encoding": encoding, "newline": newline}
        self.fh = os.fdopen(fd, mode, **kwargs)

    def write(self, data) -> int:  # noqa: ANN001 - str or bytes, by mode
        return self.fh.write(data)

    def commit(self) -> None:
        """Flush, fsync and rename the temporary file onto the target."""
        if self.closed:
            return
        self.closed = True
        if self._stdout:
            self.fh.flush()
            return
        self.fh.flush()
        os.fsync(self.fh.fileno())
        self.fh.close()
        os.replace(self._tmp, self.path)

    def abort(self) -> None:
        """Discard what was written; the target is left as it was."""
        if self.closed:
            return
        self.closed = True
        if self._stdout:
            with contextlib.suppress(Exception):
                self.fh.flush()
            return
        with contextlib.suppress(Exception):
            self.fh.close()
        with contextlib.suppress(FileNotFoundError):
            os.unlink(self._tmp)

    def __enter__(self) -> AtomicFile:
        return self

    def __exit__(self, exc_type, exc, tb) -> None:  # noqa: ANN001
        if exc_type is None:
            self.commit()
        else:
            self.abort()


def atomic_write_text(path: str, text: str) -> None:
    with AtomicFile(path) as fh:
        fh.write(text)


class AtomicFileExporter:
    """Base for an exporter that writes one output file.

    ``self._out`` is an :class:`AtomicFile` on ``target``: a subclass writes to it in ``write(doc)``;
    :meth:`close` commits it (the file appears complete) and :meth:`abort` discards it (the target is
    left as it was). ``mode`` and ``open_options`` go to :class:`AtomicFile` (``"wb"`` for bytes).
    """

    def __init__(self, target: str = "-", mode: str = "w", **open_options) -> None:
        self._out = AtomicFile(target, mode, **open_options)

    def close(self) -> None:
        self._out.commit()

    def abort(self) -> None:
        self._out.abort()
