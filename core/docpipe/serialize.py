"""JSON round-trip of :class:`~docpipe.model.Document` (the output contract).

``document_to_dict`` produces exactly the JSONL record documented in ``docs/output-contract.md``
and ``docs/schema/document.schema.json``; ``document_from_dict`` reads it back, so
export -> ingest -> export is identical.

Versioning (``SCHEMA_VERSION``): a ``1.x`` minor version only adds optional keys, and reading
accepts every ``1.x`` record, a missing key standing for that field's default (a ``1.0`` record has
no quote ``continues`` key: it reads as ``None``).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from docpipe.model import (
    SCHEMA_VERSION,
    Document,
    ErrorRecord,
    Mention,
    Paragraph,
    Quote,
    Source,
    Span,
    Speaker,
    SpanError,
)


class SchemaError(ValueError):
    """A record does not follow the docpipe document schema."""


def _mention_to_dict(m: Mention | None) -> dict | None:
    return None if m is None else {"text": m.text, "start": m.start, "end": m.end}


def _plain(value: Any) -> Any:
    """Turn read-only mappings and tuples back into JSON-friendly dicts and lists."""
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def document_to_dict(doc: Document) -> dict[str, Any]:
    text = doc.text
    record: dict[str, Any] = {
        "schema_version": SCHEMA_VERSION,
        "id": doc.id,
        "source": doc.source.uri,
        "format": doc.source.format,
        "sha256": doc.source.sha256,
        "title": doc.title,
        "text": text,
        "metadata": _plain(doc.metadata),
        "paragraphs": [
            {"start": p.start, "end": p.end, "role": p.role, "duplicate_of": p.duplicate_of} for p in doc.paragraphs
        ],
        "quotes": [
            {
                "id": q.id,
                "text": text[q.start : q.end],
                "start": q.start,
                "end": q.end,
                "kind": q.kind,
                "speaker": q.speaker,
                "speaker_mention": _mention_to_dict(q.speaker_mention),
                "cue": _mention_to_dict(q.cue),
                "nested_in": q.nested_in,
                "continues": q.continues,
                "duplicate_of": q.duplicate_of,
                "confidence": q.confidence,
            }
            for q in doc.quotes
        ],
        "speakers": [
            {"name": s.name, "titles": list(s.titles), "mentions": [_mention_to_dict(m) for m in s.mentions]}
            for s in doc.speakers
        ],
        "spans": {
            group: [{"start": s.start, "end": s.end, "label": s.label, "data": _plain(s.data)} for s in spans]
            for group, spans in doc.spans.items()
        },
        "duplicate_of": doc.duplicate_of,
        "errors": [{"stage": e.stage, "type": e.type, "message": e.message, "path": e.path} for e in doc.errors],
    }
    return record


def _mention_from(obj: Any) -> Mention | None:
    if obj is None:
        return None
    return Mention(text=obj["text"], start=obj["start"], end=obj["end"])


def document_from_dict(record: Mapping[str, Any]) -> Document:
    """Rebuild a document from its JSON record. Raises :class:`SchemaError` with the reason."""
    if not isinstance(record, Mapping):
        raise SchemaError(f"a document record must be a JSON object, got {type(record).__name__}")
    missing = [k for k in ("id", "text") if k not in record]
    if missing:
        raise SchemaError(f"document record lacks required field(s): {', '.join(missing)}")
    if not isinstance(record["text"], str):
        raise SchemaError(f"the document record's text must be a string, got {type(record['text']).__name__}")
    if not isinstance(record["id"], (str, int)) or isinstance(record["id"], bool):
        raise SchemaError(f"the document record's id must be a string or a number, got {type(record['id']).__name__}")
    try:
        text = record["text"]
        quotes = []
        for q in record.get("quotes") or ():
            if "text" in q and text[q["start"] : q["end"]] != q["text"]:
                raise SchemaError(f"quote {q.get('id')!r}: its text does not match the document text at its offsets")
            quotes.append(
                Quote(
                    id=q["id"],
                    start=q["start"],
                    end=q["end"],
                    kind=q.get("kind", "direct"),
                    speaker=q.get("speaker"),
                    speaker_mention=_mention_from(q.get("speaker_mention")),
                    cue=_mention_from(q.get("cue")),
                    nested_in=q.get("nested_in"),
                    continues=q.get("continues"),  # absent in records before schema 1.1
                    duplicate_of=q.get("duplicate_of"),
                    confidence=float(q.get("confidence", 1.0)),
                )
            )
        return Document(
            id=str(record["id"]),
            source=Source(
                uri=record.get("source") or "<unknown>",
                format=record.get("format") or "unknown",
                sha256=record.get("sha256"),
            ),
            text=text,
            title=record.get("title"),
            metadata=record.get("metadata") or {},
            paragraphs=[
                Paragraph(p["start"], p["end"], p.get("role", "body"), p.get("duplicate_of"))
                for p in record.get("paragraphs") or ()
            ],
            quotes=quotes,
            speakers=[
                Speaker(
                    name=s["name"],
                    titles=s.get("titles") or (),
                    mentions=[_mention_from(m) for m in s.get("mentions") or ()],
                )
                for s in record.get("speakers") or ()
            ],
            spans={
                group: [Span(s["start"], s["end"], s.get("label", ""), s.get("data") or {}) for s in spans]
                for group, spans in (record.get("spans") or {}).items()
            },
            duplicate_of=record.get("duplicate_of"),
            errors=[
                ErrorRecord(e["stage"], e["type"], e["message"], e.get("path")) for e in record.get("errors") or ()
            ],
        )
    except SchemaError:
        raise
    except SpanError as exc:
        raise SchemaError(str(exc)) from exc
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise SchemaError(f"malformed document record: {type(exc).__name__}: {exc}") from exc


def document_to_json(doc: Document, *, indent: int | None = None) -> str:
    """One JSON text for a document; key order is fixed so equal documents give equal bytes."""
    return json.dumps(document_to_dict(doc), ensure_ascii=False, indent=indent)


def document_from_json(line: str | bytes) -> Document:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise SchemaError(f"not valid JSON: {exc}") from exc
    return document_from_dict(record)
