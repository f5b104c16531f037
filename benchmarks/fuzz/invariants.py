"""The invariants the fuzz targets check on every document (the same ones the Hypothesis tests check).

Kept free of pytest so the fuzz targets run anywhere ``docpipe`` is importable.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
for sub in ("core", "plugins"):
    if str(REPO / sub) not in sys.path:
        sys.path.insert(0, str(REPO / sub))


def check_document(doc) -> None:
    """Raise AssertionError if a document breaks the stand-off contract or does not survive JSON."""
    from docpipe.model import Document, validate_spans
    from docpipe.serialize import document_from_dict, document_to_dict

    if not isinstance(doc, Document):
        raise AssertionError(f"not a Document: {type(doc).__name__}")  # noqa: TRY004 - a fuzz finding
    validate_spans(doc)
    text = doc.text
    record = document_to_dict(doc)
    for q in record["quotes"]:
        if not (0 <= q["start"] <= q["end"] <= len(text)) or q["text"] != text[q["start"]:q["end"]]:
            raise AssertionError(f"quote {q['id']} does not match the text at [{q['start']}, {q['end']})")
    again = json.loads(json.dumps(record, ensure_ascii=False).encode("utf-8"))
    if document_to_dict(document_from_dict(again)) != again:
        raise AssertionError("the JSON record does not rebuild to itself")


def want_atheris():
    """Import atheris or exit with a clear message (the fuzz targets need it; see docs/guarantees.md)."""
    try:
        import atheris
    except ImportError:
        print("atheris is not installed: pip install atheris (or run the Hypothesis tests in tests/reliability)",
              file=sys.stderr)
        sys.exit(os.EX_UNAVAILABLE if hasattr(os, "EX_UNAVAILABLE") else 69)
    return atheris
