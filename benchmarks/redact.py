"""Keep third-party corpus text out of the committed results files.

The corpora under ``../shared/data`` are research-use only: benchmark scripts may print
examples to the terminal, but the JSON files they write to ``benchmarks/results/`` (which are
committed) keep only figures, ids and file names.
"""

from __future__ import annotations

from typing import Any

#: Keys whose values are text taken from a corpus.
TEXT_KEYS = frozenset({"titles", "metadata_examples", "duplicate", "original", "excerpt", "text"})


def without_corpus_text(obj: Any, keys: frozenset[str] = TEXT_KEYS) -> Any:
    """A copy of ``obj`` with every value under one of ``keys`` removed (recursively)."""
    if isinstance(obj, dict):
        return {k: without_corpus_text(v, keys) for k, v in obj.items() if k not in keys}
    if isinstance(obj, list):
        return [without_corpus_text(v, keys) for v in obj]
    return obj
