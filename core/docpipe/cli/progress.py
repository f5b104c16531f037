"""A one-line progress display on stderr, shown only when stderr is a terminal."""

from __future__ import annotations

import sys
import time
from typing import TextIO


class Progress:
    def __init__(self, stream: TextIO | None = None, *, enabled: bool | None = None, interval: float = 0.2):
        self.stream = stream or sys.stderr
        self.enabled = self.stream.isatty() if enabled is None else enabled
        self.interval = interval
        self._started = time.monotonic()
        self._last = 0.0
        self.documents = 0
        self.failed = 0

    def update(self, failed: bool) -> None:
        self.documents += 1
        self.failed += int(failed)
        if not self.enabled:
            return
        now = time.monotonic()
        if now - self._last >= self.interval:
            self._last = now
            rate = self.documents / max(now - self._started, 1e-9)
            self.stream.write(f"\r{self.documents} documents, {self.failed} failed, {rate:.0f}/s ")
            self.stream.flush()

    def finish(self) -> None:
        if self.enabled and self.documents:
            self.stream.write("\r" + " " * 60 + "\r")
            self.stream.flush()
